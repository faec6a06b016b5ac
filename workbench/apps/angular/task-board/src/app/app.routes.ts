import { Routes } from '@angular/router';
import { Board } from './board/board';

export const routes: Routes = [
  { path: '', component: Board, title: 'Task Board' }
];
