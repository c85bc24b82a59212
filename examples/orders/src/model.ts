export interface Address {
  street: string;
  postcode: string;
  country: string;
}

export interface Customer {
  id: string;
  name: string;
  email: string;
  phone: string;
  address: Address;
}

export interface CartLine {
  sku: string;
  quantity: number;
}

export interface Cart {
  id: string;
  customerId: string;
  lines: CartLine[];
}

export interface Order {
  id: string;
  customerId: string;
  lines: CartLine[];
  total: number;
  placedOn: string;
}

export interface Page<T> {
  items: T[];
  /** Cursor of the next page; absent on the last one. */
  next?: string;
}
