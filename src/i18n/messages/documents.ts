import { defineMessages } from '../define.ts';

// The fixed words of a rendered document (PDF and Word): page furniture, table and figure captions.
export default defineMessages(
  {
    'documents.page': 'Sida {page} av {pages}',
    'documents.table.caption': 'Tabell {number}. {caption}',
    'documents.table.continued': 'Tabell {number} (forts.)',
    'documents.figure.caption': 'Figur {number}. {title}',
    'documents.chart.empty': 'Inga värden att visa.',
    'documents.chart.missing': '– = inget värde visas',
  },
  {
    'documents.page': 'Page {page} of {pages}',
    'documents.table.caption': 'Table {number}. {caption}',
    'documents.table.continued': 'Table {number} (continued)',
    'documents.figure.caption': 'Figure {number}. {title}',
    'documents.chart.empty': 'No values to show.',
    'documents.chart.missing': '– = no value shown',
  },
);
