import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { iconPaths } from './icons';

/** A decorative icon from the app's icon set; the text next to it carries the meaning. */
@Component({
  selector: 'dk-icon',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<svg viewBox="0 0 48 48" aria-hidden="true" focusable="false" [class]="'i ' + (flip() ? 'flip' : '')">
    @for (d of paths(); track $index) {
      <path [attr.d]="d" />
    }
  </svg>`,
})
export class Icon {
  readonly name = input.required<string>();
  /** Mirror in right-to-left layouts (arrows meaning back/next). */
  readonly flip = input(false);
  protected readonly paths = computed(() => iconPaths(this.name()));
}
