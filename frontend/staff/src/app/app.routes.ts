import { Route } from '@angular/router';
import { StartPage } from './start/start-page';

export const appRoutes: Route[] = [
  { path: '', component: StartPage, title: 'start.title' },
  { path: '**', redirectTo: '' },
];
