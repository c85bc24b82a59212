// A cache for answers that depend on the settings as well as on a syntax node: whether a
// call takes a lock depends on the lock helpers configured. Keyed first by the settings
// object (the editor and the CLI make a new one whenever a setting or the configuration
// file changes, and share one between files with the same layers), then by the compiler's
// node, which is replaced on every edit: neither key can go stale.
import type { AnalyzerSettings } from './settings';

export class SettingsKeyedCache<V> {
  private readonly bySettings = new WeakMap<AnalyzerSettings, WeakMap<object, V>>();

  get(settings: AnalyzerSettings, node: object): V | undefined {
    return this.bySettings.get(settings)?.get(node);
  }

  set(settings: AnalyzerSettings, node: object, value: V): void {
    let byNode = this.bySettings.get(settings);
    if (!byNode) {
      byNode = new WeakMap();
      this.bySettings.set(settings, byNode);
    }
    byNode.set(node, value);
  }
}
