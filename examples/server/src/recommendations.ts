import { loadProducts, type Product } from './store';

/** Pairs of products that share at least two tags: every product against every other one. */
function similarPairs(products: Product[]): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];
  for (const a of products) {
    for (const b of products) {
      if (a.id < b.id && a.tags.filter((tag) => b.tags.includes(tag)).length >= 2) pairs.push([a.id, b.id]);
    }
  }
  return pairs;
}

/** "Customers who looked at this also liked": the products similar to `productId`. */
export async function recommendationsFor(productId: string): Promise<string[]> {
  const products = await loadProducts();
  const pairs = similarPairs(products);
  return pairs.filter((pair) => pair.includes(productId)).map(([a, b]) => (a === productId ? b : a));
}
