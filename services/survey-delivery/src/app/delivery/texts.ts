import type { ChildLanguage } from '@delaktig/contracts';

export type Purpose = 'invitation' | 'resend' | 'reminder' | 'feedback-notice';

interface Wording {
  /** Subject of the e-mail. */
  subject: string;
  /** Body; {link} and {date} are filled in. */
  body: string;
}
interface LanguageTexts {
  /** Translated by a machine and not yet checked by a person. */
  machineDraft: boolean;
  /** Text direction of the language. */
  dir: 'ltr' | 'rtl';
  normal: Record<'invite' | 'reminder' | 'feedback', Wording>;
  /** Discreet mode: nothing that tells a reader of the phone that social services are involved. */
  discreet: Record<'invite' | 'reminder' | 'feedback', Wording>;
}

/**
 * Messages to the child, in the child's language. Swedish and English are written by us;
 * the others are marked as machine drafts until a translator has checked them.
 */
export const TEXTS: Record<ChildLanguage, LanguageTexts> = {
  sv: {
    machineDraft: false,
    dir: 'ltr',
    normal: {
      invite: {
        subject: 'Frågor från din socialsekreterare',
        body: 'Hej! Din socialsekreterare vill veta hur du har det. Svara på några frågor här: {link}\nKoden får du av din socialsekreterare. Länken gäller till {date}.',
      },
      reminder: {
        subject: 'Påminnelse: frågor från din socialsekreterare',
        body: 'Hej! Vill du svara på frågorna innan {date}? Här är länken: {link}\nKoden får du av din socialsekreterare.',
      },
      feedback: {
        subject: 'Din socialsekreterare har svarat dig',
        body: 'Hej! Din socialsekreterare har skrivit till dig om vad dina svar ledde till. Läs här med din kod: {link}',
      },
    },
    discreet: {
      invite: { subject: 'Länken vi pratade om', body: 'Hej! Här är länken vi pratade om: {link}\nKoden har du fått av mig. Länken gäller till {date}.' },
      reminder: { subject: 'Påminnelse', body: 'Hej! En påminnelse om länken, den gäller till {date}: {link}' },
      feedback: { subject: 'Nytt meddelande', body: 'Hej! Det finns ett nytt meddelande till dig: {link}' },
    },
  },
  en: {
    machineDraft: false,
    dir: 'ltr',
    normal: {
      invite: {
        subject: 'Questions from your social worker',
        body: 'Hi! Your social worker wants to know how you are. Answer a few questions here: {link}\nYour social worker gives you the code. The link works until {date}.',
      },
      reminder: {
        subject: 'Reminder: questions from your social worker',
        body: 'Hi! Would you like to answer the questions before {date}? Here is the link: {link}\nYour social worker gives you the code.',
      },
      feedback: {
        subject: 'Your social worker has written to you',
        body: 'Hi! Your social worker has written to you about what your answers led to. Read it here with your code: {link}',
      },
    },
    discreet: {
      invite: { subject: 'The link we talked about', body: 'Hi! Here is the link we talked about: {link}\nYou got the code from me. The link works until {date}.' },
      reminder: { subject: 'Reminder', body: 'Hi! A reminder about the link, it works until {date}: {link}' },
      feedback: { subject: 'New message', body: 'Hi! There is a new message for you: {link}' },
    },
  },
  fi: {
    machineDraft: true,
    dir: 'ltr',
    normal: {
      invite: {
        subject: 'Kysymyksiä sosiaalityöntekijältäsi',
        body: 'Hei! Sosiaalityöntekijäsi haluaa tietää, mitä sinulle kuuluu. Vastaa muutamaan kysymykseen täällä: {link}\nSaat koodin sosiaalityöntekijältäsi. Linkki on voimassa {date} asti.',
      },
      reminder: {
        subject: 'Muistutus: kysymyksiä sosiaalityöntekijältäsi',
        body: 'Hei! Haluatko vastata kysymyksiin ennen {date}? Tässä linkki: {link}\nSaat koodin sosiaalityöntekijältäsi.',
      },
      feedback: {
        subject: 'Sosiaalityöntekijäsi on vastannut sinulle',
        body: 'Hei! Sosiaalityöntekijäsi on kirjoittanut sinulle, mihin vastauksesi johtivat. Lue koodillasi täältä: {link}',
      },
    },
    discreet: {
      invite: { subject: 'Linkki, josta puhuimme', body: 'Hei! Tässä linkki, josta puhuimme: {link}\nSait koodin minulta. Linkki on voimassa {date} asti.' },
      reminder: { subject: 'Muistutus', body: 'Hei! Muistutus linkistä, se on voimassa {date} asti: {link}' },
      feedback: { subject: 'Uusi viesti', body: 'Hei! Sinulle on uusi viesti: {link}' },
    },
  },
  ar: {
    machineDraft: true,
    dir: 'rtl',
    normal: {
      invite: {
        subject: 'أسئلة من الأخصائي الاجتماعي الخاص بك',
        body: 'مرحبًا! يريد الأخصائي الاجتماعي أن يعرف كيف حالك. أجب عن بعض الأسئلة هنا: {link}\nستحصل على الرمز من الأخصائي الاجتماعي. الرابط صالح حتى {date}.',
      },
      reminder: {
        subject: 'تذكير: أسئلة من الأخصائي الاجتماعي',
        body: 'مرحبًا! هل تريد الإجابة عن الأسئلة قبل {date}؟ هذا هو الرابط: {link}\nستحصل على الرمز من الأخصائي الاجتماعي.',
      },
      feedback: {
        subject: 'ردّ عليك الأخصائي الاجتماعي',
        body: 'مرحبًا! كتب لك الأخصائي الاجتماعي عمّا أدت إليه إجاباتك. اقرأ هنا باستخدام رمزك: {link}',
      },
    },
    discreet: {
      invite: { subject: 'الرابط الذي تحدثنا عنه', body: 'مرحبًا! هذا هو الرابط الذي تحدثنا عنه: {link}\nحصلت على الرمز مني. الرابط صالح حتى {date}.' },
      reminder: { subject: 'تذكير', body: 'مرحبًا! تذكير بالرابط، وهو صالح حتى {date}: {link}' },
      feedback: { subject: 'رسالة جديدة', body: 'مرحبًا! لديك رسالة جديدة: {link}' },
    },
  },
  so: {
    machineDraft: true,
    dir: 'ltr',
    normal: {
      invite: {
        subject: 'Su’aalo ka yimid shaqaalahaaga bulshada',
        body: 'Haye! Shaqaalahaaga bulshada wuxuu rabaa inuu ogaado sida aad tahay. Ka jawaab su’aalo yar halkan: {link}\nKoodhka waxaad ka helaysaa shaqaalahaaga bulshada. Linkigu wuu shaqaynayaa ilaa {date}.',
      },
      reminder: {
        subject: 'Xusuusin: su’aalo ka yimid shaqaalahaaga bulshada',
        body: 'Haye! Ma rabtaa inaad ka jawaabto su’aalaha ka hor {date}? Waa kan linkiga: {link}\nKoodhka waxaad ka helaysaa shaqaalahaaga bulshada.',
      },
      feedback: {
        subject: 'Shaqaalahaaga bulshada ayaa kuu jawaabay',
        body: 'Haye! Shaqaalahaaga bulshada ayaa kuu qoray waxa jawaabahaagu keeneen. Ku akhri halkan koodhkaaga: {link}',
      },
    },
    discreet: {
      invite: { subject: 'Linkiga aan ka hadalnay', body: 'Haye! Waa kan linkiga aan ka hadalnay: {link}\nKoodhka waxaad ka heshay aniga. Linkigu wuu shaqaynayaa ilaa {date}.' },
      reminder: { subject: 'Xusuusin', body: 'Haye! Xusuusin ku saabsan linkiga, wuu shaqaynayaa ilaa {date}: {link}' },
      feedback: { subject: 'Fariin cusub', body: 'Haye! Waxaa kuu yaal fariin cusub: {link}' },
    },
  },
  fa: {
    machineDraft: true,
    dir: 'rtl',
    normal: {
      invite: {
        subject: 'سؤال‌هایی از مددکار اجتماعی تو',
        body: 'سلام! مددکار اجتماعی تو می‌خواهد بداند حالت چطور است. به چند سؤال اینجا جواب بده: {link}\nکد را از مددکار اجتماعی‌ات می‌گیری. این لینک تا {date} کار می‌کند.',
      },
      reminder: {
        subject: 'یادآوری: سؤال‌هایی از مددکار اجتماعی تو',
        body: 'سلام! می‌خواهی قبل از {date} به سؤال‌ها جواب بدهی؟ این لینک است: {link}\nکد را از مددکار اجتماعی‌ات می‌گیری.',
      },
      feedback: {
        subject: 'مددکار اجتماعی‌ات به تو جواب داده است',
        body: 'سلام! مددکار اجتماعی‌ات برایت نوشته که جواب‌هایت به چه نتیجه‌ای رسید. با کدت اینجا بخوان: {link}',
      },
    },
    discreet: {
      invite: { subject: 'لینکی که درباره‌اش صحبت کردیم', body: 'سلام! این لینکی است که درباره‌اش صحبت کردیم: {link}\nکد را از من گرفته‌ای. این لینک تا {date} کار می‌کند.' },
      reminder: { subject: 'یادآوری', body: 'سلام! یادآوری درباره لینک، تا {date} کار می‌کند: {link}' },
      feedback: { subject: 'پیام تازه', body: 'سلام! یک پیام تازه برایت هست: {link}' },
    },
  },
  ti: {
    machineDraft: true,
    dir: 'ltr',
    normal: {
      invite: {
        subject: 'ሕቶታት ካብ ማሕበራዊ ሰራሕተኛኻ',
        body: 'ሰላም! ማሕበራዊ ሰራሕተኛኻ ከመይ ከም ዘለኻ ክፈልጥ ይደሊ። ኣብዚ ንሒደት ሕቶታት መልስ: {link}\nኮድ ካብ ማሕበራዊ ሰራሕተኛኻ ትረክብ። እዚ ሊንክ ክሳብ {date} ይሰርሕ።',
      },
      reminder: {
        subject: 'መዘኻኸሪ: ሕቶታት ካብ ማሕበራዊ ሰራሕተኛኻ',
        body: 'ሰላም! ቅድሚ {date} ንሕቶታት ክትምልስ ትደሊዶ? እዚ ሊንክ እዩ: {link}\nኮድ ካብ ማሕበራዊ ሰራሕተኛኻ ትረክብ።',
      },
      feedback: {
        subject: 'ማሕበራዊ ሰራሕተኛኻ መሊሱልካ ኣሎ',
        body: 'ሰላም! ማሕበራዊ ሰራሕተኛኻ መልስታትካ ናብ እንታይ ከም ዘብጽሑ ጽሒፉልካ ኣሎ። ብኮድካ ኣብዚ ኣንብብ: {link}',
      },
    },
    discreet: {
      invite: { subject: 'እቲ ዝተዛረብናሉ ሊንክ', body: 'ሰላም! እቲ ዝተዛረብናሉ ሊንክ እዚ እዩ: {link}\nኮድ ካባይ ረኺብካ ኢኻ። እዚ ሊንክ ክሳብ {date} ይሰርሕ።' },
      reminder: { subject: 'መዘኻኸሪ', body: 'ሰላም! ብዛዕባ እቲ ሊንክ መዘኻኸሪ፣ ክሳብ {date} ይሰርሕ: {link}' },
      feedback: { subject: 'ሓድሽ መልእኽቲ', body: 'ሰላም! ሓድሽ መልእኽቲ ኣሎካ: {link}' },
    },
  },
};

export interface RenderedMessage {
  subject: string;
  text: string;
  html: string;
  dir: 'ltr' | 'rtl';
  lang: ChildLanguage;
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

/** The message for one purpose, in the child's language, normal or discreet. */
export function renderMessage(p: { language: ChildLanguage; discreet: boolean; purpose: Purpose; link: string; expiresAt: Date }): RenderedMessage {
  const lang = TEXTS[p.language] ?? TEXTS.sv;
  const kind = p.purpose === 'reminder' ? 'reminder' : p.purpose === 'feedback-notice' ? 'feedback' : 'invite';
  const w = (p.discreet ? lang.discreet : lang.normal)[kind];
  const date = new Intl.DateTimeFormat(p.language === 'sv' ? 'sv-SE' : p.language, {
    timeZone: 'Europe/Stockholm',
    day: 'numeric',
    month: 'long',
  }).format(p.expiresAt);
  const text = w.body.split('{link}').join(p.link).split('{date}').join(date);
  const htmlBody = escapeHtml(w.body.split('{date}').join(date))
    .split('\n')
    .map((line) => line.split('{link}').join(`<a href="${escapeHtml(p.link)}">${escapeHtml(p.link)}</a>`))
    .join('<br>');
  const html = `<!doctype html><html lang="${p.language}" dir="${lang.dir}"><body style="font-family:sans-serif;font-size:16px"><p>${htmlBody}</p></body></html>`;
  return { subject: w.subject, text, html, dir: lang.dir, lang: p.language };
}
