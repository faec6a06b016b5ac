import { createBrowserRouter } from 'react-router';

import RootLayout from './routes/root';
import ErrorPage from './routes/error-page';
import ProjectsIndex, { projectsLoader } from './routes/projects-index';
import ProjectDetail, { projectAction, projectLoader } from './routes/project-detail';
import NewProject, { newProjectAction } from './routes/new-project';
import About from './routes/about';

export const router = createBrowserRouter([
  {
    path: '/',
    element: <RootLayout />,
    errorElement: <ErrorPage />,
    children: [
      { index: true, element: <ProjectsIndex />, loader: projectsLoader },
      { path: 'projects/new', element: <NewProject />, action: newProjectAction },
      {
        path: 'projects/:projectId',
        element: <ProjectDetail />,
        loader: projectLoader,
        action: projectAction,
      },
      { path: 'about', element: <About /> },
    ],
  },
]);
