import { useSearchParams } from 'react-router';

import ProductCard from '../components/ProductCard.jsx';
import { products } from '../data/products.js';

export default function Home() {
  const [params, setParams] = useSearchParams();
  const category = params.get('category') ?? '';
  const categories = [...new Set(products.map((p) => p.category))];
  const shown = category ? products.filter((p) => p.category === category) : products;

  return (
    <>
      <h1>Shop</h1>
      <div className="chips">
        <button type="button" className={category ? '' : 'active'} onClick={() => setParams({})}>
          All
        </button>
        {categories.map((c) => (
          <button key={c} type="button" className={c === category ? 'active' : ''} onClick={() => setParams({ category: c })}>
            {c}
          </button>
        ))}
      </div>
      <div className="grid">
        {shown.map((product) => (
          <ProductCard key={product.id} product={product} />
        ))}
      </div>
    </>
  );
}
