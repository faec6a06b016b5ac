import { Form } from 'react-router';

import type { Route } from './+types/recipes';
import { RecipeCard } from '~/components/recipe-card';
import { listRecipes } from '~/lib/recipes';

export function meta(_: Route.MetaArgs) {
  return [{ title: 'All recipes · Weeknight Recipes' }];
}

export function loader({ request }: Route.LoaderArgs) {
  const q = new URL(request.url).searchParams.get('q');
  return { q, recipes: listRecipes(q) };
}

export default function Recipes({ loaderData }: Route.ComponentProps) {
  const { q, recipes } = loaderData;
  return (
    <>
      <h1>Recipes</h1>
      <Form method="get" className="search">
        <input type="search" name="q" defaultValue={q ?? ''} placeholder="Search recipes" />
        <button type="submit">Search</button>
      </Form>
      <div className="grid">
        {recipes.map((recipe) => (
          <RecipeCard key={recipe.slug} recipe={recipe} />
        ))}
      </div>
      {recipes.length === 0 && <p>No recipe matches “{q}”.</p>}
    </>
  );
}
