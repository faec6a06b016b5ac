import { createContext, useContext, useMemo, useReducer } from 'react';

import { findProduct } from '../data/products.js';

const CartContext = createContext(null);

function cartReducer(lines, action) {
  switch (action.type) {
    case 'add': {
      const existing = lines.find((line) => line.id === action.id);
      if (existing) {
        return lines.map((line) => (line.id === action.id ? { ...line, qty: line.qty + 1 } : line));
      }
      return [...lines, { id: action.id, qty: 1 }];
    }
    case 'remove':
      return lines.filter((line) => line.id !== action.id);
    case 'clear':
      return [];
    default:
      throw new Error(`unknown cart action ${action.type}`);
  }
}

export function CartProvider({ children }) {
  const [lines, dispatch] = useReducer(cartReducer, []);

  const value = useMemo(() => {
    const items = lines.map((line) => ({ ...findProduct(line.id), qty: line.qty }));
    const count = items.reduce((sum, item) => sum + item.qty, 0);
    const total = items.reduce((sum, item) => sum + item.qty * item.price, 0);
    return {
      items,
      count,
      total,
      add: (id) => dispatch({ type: 'add', id }),
      remove: (id) => dispatch({ type: 'remove', id }),
      clear: () => dispatch({ type: 'clear' }),
    };
  }, [lines]);

  return <CartContext.Provider value={value}>{children}</CartContext.Provider>;
}

export function useCart() {
  const cart = useContext(CartContext);
  if (!cart) throw new Error('useCart must be used inside <CartProvider>');
  return cart;
}
