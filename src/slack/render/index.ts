/** The Slack renderer of the conversation model (Block Kit), and the reader of what Slack sends back. */
export { renderCard, renderCardMessages, renderHomeView, renderReply, type SlackMessage, type Block } from './card.ts';
export { renderForm, renderReceipt, slackErrors } from './form.ts';
export { mrkdwn, escapeText, type RenderEnv } from './mrkdwn.ts';
export { readState, readAction, parseFields, type Fields } from './read.ts';
export { SLACK_LIMITS } from './limits.ts';
export { cardRenderers } from './notices.ts';
