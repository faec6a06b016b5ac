import { Link, Outlet } from 'react-router-dom'
import './App.css'

function App() {
  return (
    <>
      <header>
        <Link to="/">Recipes</Link>
      </header>
      <main>
        <Outlet />
      </main>
    </>
  )
}

export default App
