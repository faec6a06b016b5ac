import { Link } from 'react-router';

import { useCart } from '../context/CartContext.jsx';
import { formatPrice } from '../data/products.js';

export default function Cart() {
  const { items, total, remove } = useCart();

  if (items.length === 0) {
    return (
      <>
        <h1>Your cart</h1>
        <p>
          Your cart is empty. <Link to="/">Start shopping</Link>
        </p>
      </>
    );
  }

  return (
    <>
      <h1>Your cart</h1>
      <table className="cart">
        <tbody>
          {items.map((item) => (
            <tr key={item.id}>
              <td>{item.name}</td>
              <td>× {item.qty}</td>
              <td>{formatPrice(item.qty * item.price)}</td>
              <td>
                <button type="button" onClick={() => remove(item.id)}>
                  Remove
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="price">Total: {formatPrice(total)}</p>
      <Link to="/checkout" className="button">
        Checkout
      </Link>
    </>
  );
}
