import { data, Link } from 'react-router';

import type { Route } from './+types/recipe';
import { getRecipe } from '~/lib/recipes';

export function loader({ params }: Route.LoaderArgs) {
  const recipe = getRecipe(params.slug);
  if (!recipe) throw data('Recipe not found', { status: 404 });
  return { recipe };
}

export function meta({ data: loaded }: Route.MetaArgs) {
  return [{ title: `${loaded?.recipe.title ?? 'Recipe'} · Weeknight Recipes` }];
}

export default function RecipePage({ loaderData }: Route.ComponentProps) {
  const { recipe } = loaderData;
  return (
    <article>
      <p>
        <Link to="/recipes">← All recipes</Link>
      </p>
      <h1>{recipe.title}</h1>
      <p>Ready in {recipe.minutes} minutes.</p>
      <h2>Ingredients</h2>
      <ul>
        {recipe.ingredients.map((item) => (
          <li key={item}>{item}</li>
        ))}
      </ul>
      <h2>Method</h2>
      <ol>
        {recipe.steps.map((step) => (
          <li key={step}>{step}</li>
        ))}
      </ol>
    </article>
  );
}
