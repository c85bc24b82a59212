import { describeRuleFixtures } from '../support/fixtures';

describeRuleFixtures('unused-suppression');
describeRuleFixtures('invalid-suppression');
