// The page's own words (the bot's words come from the bot, in the member's language).
const words = {
  sv: {
    localMode: 'LOKALT LÄGE', localNote: 'Ingen Slack: allt stannar på den här datorn', youAre: 'Du är', channels: 'Kanaler', apps: 'Appar',
    title: 'Samverkan – lokalt läge',
    home: 'Hem', messages: 'Meddelanden', appHome: 'Samverkan – Hem', composer: 'Skriv ett meddelande eller ett kommando, t.ex. /samverkan hjälp',
    composerLabel: 'Meddelande eller snedstreckskommando', replyLabel: 'Svar i tråden', replyPlaceholder: 'Svara i tråden …', replyInThread: 'Svara i tråd',
    dismiss: 'Stäng', unread: (n) => `${n} ${n === 1 ? 'oläst meddelande' : 'olästa meddelanden'}`, newMessages: 'Nytt',
    jumpNew: (n) => `${n} ${n === 1 ? 'nytt meddelande' : 'nya meddelanden'} ↓`, messageGone: 'Meddelandet finns inte längre.',
    noRoles: 'inga roller', dateToGo: 'Datum att gå till',
    send: 'Skicka', onlyYou: 'Bara du ser det här', thread: 'Tråd', replies: (n) => `${n} ${n === 1 ? 'svar' : 'svar'}`, close: 'Stäng',
    submit: 'Skicka', cancel: 'Avbryt', back: 'Tillbaka', optional: 'valfritt', choose: 'Välj …', choosePerson: 'Välj en person', chooseChannel: 'Välj en kanal',
    moreActions: 'Fler åtgärder', noShortcuts: 'Inga genvägar', timeTravel: 'Tidsresa', day: '+1 dag', week: '+1 vecka', month: '+30 dagar', toDate: 'Gå till',
    botClock: 'Botens klocka', ahead: (d) => `${d} dagar framåt`, empty: 'Inga meddelanden här än.', homeEmpty: 'Appen har inte publicerat någon hemflik än.',
    edited: '(redigerat)', open: 'Öppna', download: 'Ladda ner', sending: 'Skickar …', fixErrors: 'Rätta det markerade och skicka igen.',
    commands: 'Kommandon', dm: 'Samverkan (app)', appTag: 'APP',
    offline: 'Får ingen kontakt med boten. Kör den fortfarande (npm start)?',
    httpError: (status) => `Den lokala arbetsytan svarade inte som väntat (HTTP ${status}). Ladda om sidan.`,
    unsupported: (what, type) => `Visas inte här (${what} av typen ${type}): den lokala arbetsytan saknar stöd för det.`,
  },
  en: {
    localMode: 'LOCAL MODE', localNote: 'No Slack: nothing leaves this machine', youAre: 'You are', channels: 'Channels', apps: 'Apps',
    title: 'Samverkan – local mode',
    home: 'Home', messages: 'Messages', appHome: 'Samverkan – Home', composer: 'Write a message or a command, e.g. /samverkan help',
    composerLabel: 'Message or slash command', replyLabel: 'Reply in the thread', replyPlaceholder: 'Reply in the thread …', replyInThread: 'Reply in thread',
    dismiss: 'Dismiss', unread: (n) => `${n} unread ${n === 1 ? 'message' : 'messages'}`, newMessages: 'New',
    jumpNew: (n) => `${n} new ${n === 1 ? 'message' : 'messages'} ↓`, messageGone: 'That message is gone.',
    noRoles: 'no roles', dateToGo: 'Date to go to',
    send: 'Send', onlyYou: 'Only visible to you', thread: 'Thread', replies: (n) => `${n} ${n === 1 ? 'reply' : 'replies'}`, close: 'Close',
    submit: 'Submit', cancel: 'Cancel', back: 'Back', optional: 'optional', choose: 'Choose …', choosePerson: 'Choose a person', chooseChannel: 'Choose a channel',
    moreActions: 'More actions', noShortcuts: 'No shortcuts', timeTravel: 'Time travel', day: '+1 day', week: '+1 week', month: '+30 days', toDate: 'Go to',
    botClock: "Bot's clock", ahead: (d) => `${d} days ahead`, empty: 'No messages here yet.', homeEmpty: 'The app has not published a Home tab yet.',
    edited: '(edited)', open: 'Open', download: 'Download', sending: 'Sending …', fixErrors: 'Fix the marked fields and submit again.',
    commands: 'Commands', dm: 'Samverkan (app)', appTag: 'APP',
    offline: 'Cannot reach the bot. Is it still running (npm start)?',
    httpError: (status) => `The local workspace did not answer as expected (HTTP ${status}). Reload the page.`,
    unsupported: (what, type) => `Not shown here (${what} of type ${type}): the local workspace does not support it.`,
  },
};

export function translator(locale) {
  const dict = words[locale] ?? words.sv;
  return (key, ...args) => {
    const w = dict[key] ?? words.sv[key] ?? key;
    return typeof w === 'function' ? w(...args) : w;
  };
}
