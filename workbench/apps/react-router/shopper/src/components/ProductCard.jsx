import { Link } from 'react-router';

import { formatPrice } from '../data/products.js';
import AddToCartButton from './AddToCartButton.jsx';

export default function ProductCard({ product }) {
  return (
    <article className="card">
      <h2>
        <Link to={`/products/${product.id}`}>{product.name}</Link>
      </h2>
      <p className="muted">{product.category}</p>
      <p className="price">{formatPrice(product.price)}</p>
      <AddToCartButton productId={product.id} />
    </article>
  );
}
