/**
 * User messages for BankID states, following BankID's recommended user messages
 * (the "RFA" texts). Swedish first, English as the alternative.
 */

export type BankIdLocale = 'sv' | 'en';

export interface BankIdHintContext {
  /** True when the user is shown a QR code (another device); false for autostart on this device. */
  qr: boolean;
  /** Lets RFA9 name the button the user should press; generic text when omitted. */
  flow?: 'auth' | 'sign';
}

type Texts = Record<BankIdLocale, string>;

/** BankID's recommended user messages, keyed by RFA id. */
export const BANKID_USER_MESSAGES = {
  RFA1: { sv: 'Starta BankID-appen.', en: 'Start your BankID app.' },
  RFA3: { sv: 'Åtgärden avbruten. Försök igen.', en: 'Action cancelled. Please try again.' },
  RFA4: {
    sv: 'En identifiering eller underskrift för det här personnumret är redan påbörjad. Försök igen.',
    en: 'An identification or signing for this personal number is already started. Please try again.',
  },
  RFA5: { sv: 'Internt tekniskt fel. Försök igen.', en: 'Internal error. Please try again.' },
  RFA6: { sv: 'Åtgärden avbruten.', en: 'Action cancelled.' },
  RFA8: {
    sv: 'BankID-appen svarar inte. Kontrollera att den är startad och att du har internetanslutning. Om du inte har något giltigt BankID kan du skaffa ett hos din bank. Försök sedan igen.',
    en: "The BankID app is not responding. Please check that it's started and that you have internet access. If you don't have a valid BankID you can get one from your bank. Try again.",
  },
  RFA9: {
    sv: 'Skriv in din säkerhetskod i BankID-appen och välj Identifiera eller Skriv under.',
    en: 'Enter your security code in the BankID app and select Identify or Sign.',
  },
  RFA9_auth: {
    sv: 'Skriv in din säkerhetskod i BankID-appen och välj Identifiera.',
    en: 'Enter your security code in the BankID app and select Identify.',
  },
  RFA9_sign: {
    sv: 'Skriv in din säkerhetskod i BankID-appen och välj Skriv under.',
    en: 'Enter your security code in the BankID app and select Sign.',
  },
  RFA13: { sv: 'Försöker starta BankID-appen.', en: 'Trying to start your BankID app.' },
  RFA14: {
    sv: 'Söker efter BankID, det kan ta en liten stund … Om det har gått några sekunder och inget BankID har hittats har du sannolikt inget BankID som går att använda för den aktuella identifieringen/underskriften i den här enheten. Om du inte har något BankID kan du skaffa ett hos din bank. Om du har ett BankID på en annan enhet kan du starta din BankID-app där.',
    en: "Searching for BankID, it may take a little while … If a few seconds have passed and still no BankID has been found, you probably don't have a BankID which can be used for this identification/signing on this device. If you don't have a BankID you can get one from your bank. If you have a BankID on another device you can start the BankID app on that device.",
  },
  RFA16: {
    sv: 'Det BankID du försöker använda är för gammalt eller spärrat. Använd ett annat BankID eller skaffa ett nytt hos din bank.',
    en: 'The BankID you are trying to use is blocked or too old. Please use another BankID or get a new one from your bank.',
  },
  RFA17A: {
    sv: 'BankID-appen verkar inte finnas i din dator eller mobil. Installera den och skaffa ett BankID hos din bank. Installera appen från din appbutik eller https://install.bankid.com.',
    en: "The BankID app couldn't be found on your computer or mobile device. Please install it and get a BankID from your bank. Install the app from your app store or https://install.bankid.com.",
  },
  RFA17B: {
    sv: 'Misslyckades att läsa av QR-koden. Starta BankID-appen och läs av QR-koden. Kontrollera att BankID-appen är uppdaterad. Om du inte har BankID-appen måste du installera den och skaffa ett BankID hos din bank. Installera appen från din appbutik eller https://install.bankid.com.',
    en: "Failed to scan the QR code. Start the BankID app and scan the QR code. Check that the BankID app is up to date. If you don't have the BankID app, you need to install it and get a BankID from your bank. Install the app from your app store or https://install.bankid.com.",
  },
  RFA21: { sv: 'Identifiering eller underskrift pågår.', en: 'Identification or signing in progress.' },
  RFA22: { sv: 'Okänt fel. Försök igen.', en: 'Unknown error. Please try again.' },
  RFA23: {
    sv: 'Fotografera och läs av din ID-handling med BankID-appen.',
    en: 'Process your machine-readable travel document using the BankID app.',
  },
  // Codes without a general RFA text (phone and new features); worded in the same style.
  CALL_CONFIRM: {
    sv: 'Bekräfta i BankID-appen att du pratar med oss i telefon.',
    en: 'Confirm in the BankID app that you are on the phone with us.',
  },
  CALL_DECLINED: {
    sv: 'Åtgärden avbröts eftersom du angav i BankID-appen att du inte pratar med oss i telefon.',
    en: 'Action cancelled because you indicated in the BankID app that you are not on the phone with us.',
  },
  NOT_SUPPORTED: {
    sv: 'Din BankID-app behöver uppdateras för att kunna användas här. Uppdatera appen och försök igen.',
    en: 'Your BankID app needs to be updated to be used here. Please update the app and try again.',
  },
  RISK_BLOCKED: {
    sv: 'Åtgärden stoppades av säkerhetsskäl. Försök igen senare.',
    en: 'The action was stopped for security reasons. Please try again later.',
  },
} as const satisfies Record<string, Texts>;

export type BankIdUserMessageId = keyof typeof BANKID_USER_MESSAGES;

/** Which recommended message to show for a collect result. Unknown codes get RFA21 (pending) or RFA22 (failed). */
export function hintMessageId(
  hintCode: string | undefined,
  status: 'pending' | 'failed',
  context: BankIdHintContext,
): BankIdUserMessageId {
  if (status === 'pending') {
    switch (hintCode) {
      case 'outstandingTransaction':
        return context.qr ? 'RFA1' : 'RFA13';
      case 'noClient':
        return 'RFA1';
      case 'started':
        return 'RFA14';
      case 'userMrtd':
        return 'RFA23';
      case 'userCallConfirm':
        return 'CALL_CONFIRM';
      case 'userSign':
        return context.flow === 'auth' ? 'RFA9_auth' : context.flow === 'sign' ? 'RFA9_sign' : 'RFA9';
      default:
        return 'RFA21';
    }
  }
  switch (hintCode) {
    case 'expiredTransaction':
      return 'RFA8';
    case 'certificateErr':
      return 'RFA16';
    case 'userCancel':
      return 'RFA6';
    case 'cancelled':
      return 'RFA3';
    case 'startFailed':
      return context.qr ? 'RFA17B' : 'RFA17A';
    case 'userDeclinedCall':
      return 'CALL_DECLINED';
    case 'notSupportedByUserApp':
      return 'NOT_SUPPORTED';
    case 'transactionRiskBlocked':
      return 'RISK_BLOCKED';
    default:
      return 'RFA22';
  }
}

/** User message for a pending or failed collect result. */
export function hintMessage(
  hintCode: string | undefined,
  status: 'pending' | 'failed',
  context: BankIdHintContext,
  locale: BankIdLocale = 'sv',
): string {
  return BANKID_USER_MESSAGES[hintMessageId(hintCode, status, context)][locale];
}

export function hintMessageSv(hintCode: string | undefined, status: 'pending' | 'failed', context: BankIdHintContext): string {
  return hintMessage(hintCode, status, context, 'sv');
}

/**
 * Which message to show for an API error. alreadyInProgress gets RFA4, transient
 * server trouble RFA5; errors that are the RP's own fault (invalidParameters,
 * unauthorized, …) must not be shown as BankID errors and get the generic RFA22.
 */
export function errorMessageId(errorCode: string): BankIdUserMessageId {
  switch (errorCode) {
    case 'alreadyInProgress':
      return 'RFA4';
    case 'internalError':
    case 'maintenance':
    case 'requestTimeout':
    case 'tooManyRequests':
    case 'networkError':
      return 'RFA5';
    default:
      return 'RFA22';
  }
}

export function errorMessage(errorCode: string, locale: BankIdLocale = 'sv'): string {
  return BANKID_USER_MESSAGES[errorMessageId(errorCode)][locale];
}

export function errorMessageSv(errorCode: string): string {
  return errorMessage(errorCode, 'sv');
}
