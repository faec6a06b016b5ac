import { useState } from 'react';
import { Link, useNavigate } from 'react-router';

import { useCart } from '../context/CartContext.jsx';
import { formatPrice } from '../data/products.js';

export default function Checkout() {
  const { count, total, clear } = useCart();
  const navigate = useNavigate();
  const [placed, setPlaced] = useState(null);

  function placeOrder(event) {
    event.preventDefault();
    const email = new FormData(event.currentTarget).get('email');
    setPlaced({ email, total });
    clear();
  }

  if (placed) {
    return (
      <>
        <h1>Thank you!</h1>
        <p>
          A receipt for {formatPrice(placed.total)} is on its way to {placed.email}.
        </p>
        <button type="button" className="button" onClick={() => navigate('/')}>
          Keep shopping
        </button>
      </>
    );
  }

  if (count === 0) {
    return (
      <p>
        Nothing to check out. <Link to="/">Back to the shop</Link>
      </p>
    );
  }

  return (
    <>
      <h1>Checkout</h1>
      <form className="checkout" onSubmit={placeOrder}>
        <label>
          E-mail <input type="email" name="email" required />
        </label>
        <label>
          Address <textarea name="address" rows={3} required />
        </label>
        <button type="submit" className="button">
          Pay {formatPrice(total)}
        </button>
      </form>
    </>
  );
}
