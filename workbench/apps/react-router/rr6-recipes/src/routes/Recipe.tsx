import { useLoaderData, type LoaderFunctionArgs } from 'react-router-dom'
import { recipes, type Recipe as RecipeData } from '../data/recipes.ts'

export function recipeLoader({ params }: LoaderFunctionArgs) {
  const recipe = recipes.find((r) => r.id === params.id)
  if (!recipe) throw new Response('Not found', { status: 404 })
  return recipe
}

export default function Recipe() {
  const recipe = useLoaderData() as RecipeData
  return (
    <article>
      <h1>{recipe.title}</h1>
      <ol>
        {recipe.steps.map((s) => (
          <li key={s}>{s}</li>
        ))}
      </ol>
    </article>
  )
}
