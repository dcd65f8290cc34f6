import { defineMessages } from '../define.ts';

// Why a file could not be shared in a channel, for the Slack refusals a member can do something about.
export default defineMessages(
  {
    'upload.error.notInChannel': 'Jag är inte med i kanalen: bjud in mig med /invite @Samverkan och försök igen.',
    'upload.error.channelNotFound': 'Jag kan inte se den här kanalen (en privat kanal eller ett direktmeddelande som jag inte är med i): bjud in mig med /invite @Samverkan, eller kör kommandot i en kanal där jag är med.',
    'upload.error.archived': 'Kanalen är arkiverad, så ingenting kan laddas upp där: kör kommandot i en kanal som används.',
    'upload.error.uploadsDisabled': 'Filuppladdning är avstängd i er Slack-arbetsyta: be arbetsytans administratör att tillåta filer och försök igen.',
    'upload.error.restricted': 'Slacks inställningar låter mig inte dela filer i den här kanalen: kör kommandot i en annan kanal eller be arbetsytans administratör om lov.',
    'upload.error.rateLimited': 'Slack tar just nu inte emot fler uppladdningar från mig: vänta en minut och försök igen.',
  },
  {
    'upload.error.notInChannel': 'I am not in this channel: invite me with /invite @Samverkan and try again.',
    'upload.error.channelNotFound': 'I cannot see this channel (a private channel or a direct message I am not part of): invite me with /invite @Samverkan, or run the command in a channel I am in.',
    'upload.error.archived': 'The channel is archived, so nothing can be uploaded there: run the command in a channel that is in use.',
    'upload.error.uploadsDisabled': 'File uploads are turned off in your Slack workspace: ask the workspace administrator to allow files and try again.',
    'upload.error.restricted': 'Slack\'s settings do not let me share files in this channel: run the command in another channel or ask the workspace administrator for permission.',
    'upload.error.rateLimited': 'Slack is not accepting more uploads from me right now: wait a minute and try again.',
  },
);
