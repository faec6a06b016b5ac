import { Link, useParams } from 'react-router';

import AddToCartButton from '../components/AddToCartButton.jsx';
import { findProduct, formatPrice } from '../data/products.js';

export default function ProductPage() {
  const { productId } = useParams();
  const product = findProduct(productId);

  if (!product) {
    return (
      <p>
        No such product. <Link to="/">Back to the shop</Link>
      </p>
    );
  }

  return (
    <article>
      <Link to="/">← Shop</Link>
      <h1>{product.name}</h1>
      <p className="price">{formatPrice(product.price)}</p>
      <p>{product.blurb}</p>
      <AddToCartButton productId={product.id} />
    </article>
  );
}
