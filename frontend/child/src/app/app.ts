import { Component } from '@angular/core';
import { NxWelcome } from './nx-welcome';

@Component({
  imports: [NxWelcome, ],
  selector: 'dk-root',
  templateUrl: './app.html',
  styleUrl: './app.css',
})
export class App {
  protected title = 'child';
}
