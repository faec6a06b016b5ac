import { Component, signal } from '@angular/core';

type Task = { id: number; title: string; done: boolean };

@Component({
  selector: 'app-board',
  template: `
    <h1>This week</h1>
    <ul>
      @for (task of tasks(); track task.id) {
        <li>
          <label>
            <input type="checkbox" [checked]="task.done" (change)="toggle(task.id)" />
            {{ task.title }}
          </label>
        </li>
      }
    </ul>
  `
})
export class Board {
  protected readonly tasks = signal<Task[]>([
    { id: 1, title: 'Plan the sprint', done: true },
    { id: 2, title: 'Review the pull requests', done: false },
    { id: 3, title: 'Ship the release', done: false }
  ]);

  toggle(id: number) {
    this.tasks.update((ts) => ts.map((t) => (t.id === id ? { ...t, done: !t.done } : t)));
  }
}
