import { defineMessages } from '../define.ts';

// The local workspace's own refusals (bad input to the page, not to the bot), shown on the page.
export default defineMessages(
  {
    'local.error.starting': 'Boten startar fortfarande (lokalt läge). Försök igen om en stund.',
    'local.error.badRequest': 'Sidan skickade något som inte gick att läsa. Ladda om sidan och försök igen.',
    'local.error.notMember': '{user} är inte medlem i partnerskapsfilen. Välj en person i listan.',
    'local.error.notCommand': 'Ett kommando börjar med "/", t.ex. /samverkan hjälp',
    'local.error.unknownCommand': 'Boten har inget kommando {command}. Dess kommandon: {commands}',
    'local.error.unknownShortcut': 'Boten har ingen genväg som heter {shortcut}.',
    'local.error.messageGone': 'Det meddelandet finns inte längre.',
    'local.error.elementGone': 'Knappen eller fältet finns inte längre; sidan visar nu det senaste.',
    'local.error.formClosed': 'Det här formuläret är inte längre öppet.',
    'local.error.generic': 'Något gick fel i den lokala arbetsytan (felkod {code}). Felet står i botens logg.',
    'local.error.botRefused': 'Boten tog inte emot begäran (HTTP {status}). Se botens logg.',
    'local.time.notDate': '"{value}" är inget datum; skriv det som ÅÅÅÅ-MM-DD.',
    'local.time.backwards': 'Tiden går bara framåt här: {value} är inte efter i dag ({today}).',
    'local.time.positive': 'Tiden går bara framåt: ange ett positivt antal dagar.',
    'local.time.tooFar': 'Högst {max, plural, one {# dag} other {# dagar}} åt gången.',
  },
  {
    'local.error.starting': 'The bot is still starting (local mode). Try again in a moment.',
    'local.error.badRequest': 'The page sent something that could not be read. Reload the page and try again.',
    'local.error.notMember': '{user} is not a member of the partnership file. Pick a person from the list.',
    'local.error.notCommand': 'A command starts with "/", e.g. /samverkan help',
    'local.error.unknownCommand': 'The bot has no command {command}. Its commands: {commands}',
    'local.error.unknownShortcut': 'The bot has no shortcut called {shortcut}.',
    'local.error.messageGone': 'That message is gone.',
    'local.error.elementGone': 'That button or field is gone; the page now shows the latest.',
    'local.error.formClosed': 'This form is no longer open.',
    'local.error.generic': 'Something went wrong in the local workspace (error code {code}). The bot\'s log has the details.',
    'local.error.botRefused': 'The bot did not accept the request (HTTP {status}). See the bot\'s log.',
    'local.time.notDate': '"{value}" is not a date; write it as YYYY-MM-DD.',
    'local.time.backwards': 'Time only moves forward here: {value} is not after today ({today}).',
    'local.time.positive': 'Time only moves forward: give a positive number of days.',
    'local.time.tooFar': 'At most {max, plural, one {# day} other {# days}} at a time.',
  },
);
