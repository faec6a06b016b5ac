import { useCart } from '../context/CartContext.jsx';

export default function AddToCartButton({ productId }) {
  const { add } = useCart();
  return (
    <button type="button" className="button" onClick={() => add(productId)}>
      Add to cart
    </button>
  );
}
