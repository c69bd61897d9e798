import { Pipe, PipeTransform, inject } from '@angular/core';
import { TranslocoService } from '@jsverse/transloco';
import { AnswerShown, pick } from './casework-api';

/** An answer in words in the UI language: `{{ q.answer | dkAnswer: i18n.lang() }}`. */
@Pipe({ name: 'dkAnswer' })
export class AnswerPipe implements PipeTransform {
  private readonly transloco = inject(TranslocoService);

  transform(answer: AnswerShown | null | undefined, lang: string): string {
    const t = (key: string) => this.transloco.translate(`casework.answer.${key}`, {}, lang);
    if (!answer) return t('none');
    switch (answer.kind) {
      case 'option':
      case 'options':
        return answer.options.map((o) => pick(o.label, lang) || o.id).join(', ');
      case 'text':
        return answer.text;
      case 'flag':
        return answer.on ? t('yes') : t('no');
      case 'declined':
        return t('declined');
    }
  }
}
