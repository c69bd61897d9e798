import { Pipe, PipeTransform, inject } from '@angular/core';
import { TranslocoService } from '@jsverse/transloco';
import { Message } from '../core/messages';

/**
 * Renders a `Message` in the given language; pass the `I18n.lang()` signal so
 * the text follows a language switch: `{{ message | dkMessage: lang() }}`.
 */
@Pipe({ name: 'dkMessage' })
export class MessagePipe implements PipeTransform {
  private readonly transloco = inject(TranslocoService);

  transform(message: Message | null | undefined, lang: string): string {
    if (!message) return '';
    if (message.key) return this.transloco.translate(message.key, message.params ?? {}, lang);
    return message.text ?? '';
  }
}
