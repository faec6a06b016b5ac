import { Link } from 'react-router-dom'
import { recipes } from '../data/recipes.ts'

export default function RecipeList() {
  return (
    <ul>
      {recipes.map((r) => (
        <li key={r.id}>
          <Link to={`/recipes/${r.id}`}>{r.title}</Link> ({r.minutes} min)
        </li>
      ))}
    </ul>
  )
}
