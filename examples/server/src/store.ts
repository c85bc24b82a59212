// The shop's data. In the real service these are database queries; here they are what the
// rest of the example needs to type-check.
export interface Product {
  id: string;
  name: string;
  tags: string[];
}

export interface UserRecord {
  name: string;
  salt: string;
  passwordHash: Buffer;
}

export declare function loadProducts(): Promise<Product[]>;
export declare function findUser(name: string): Promise<UserRecord | undefined>;
/** The search terms, as the search service sends them: a JSON array. */
export declare function listSearchTerms(): string;
export declare function priceOf(productId: string): Promise<number>;
export interface TaxRates {
  standard: number;
  reduced: number;
}
export declare function fetchTaxRates(): Promise<TaxRates>;
