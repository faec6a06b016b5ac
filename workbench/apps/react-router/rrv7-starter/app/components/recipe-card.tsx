import { Link } from 'react-router';

import type { Recipe } from '~/lib/recipes';

export function RecipeCard({ recipe }: { recipe: Recipe }) {
  return (
    <article className="card">
      <h2>
        <Link to={`/recipes/${recipe.slug}`}>{recipe.title}</Link>
      </h2>
      <p>{recipe.minutes} minutes · {recipe.ingredients.length} ingredients</p>
    </article>
  );
}
