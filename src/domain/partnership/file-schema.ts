import { z } from 'zod';
import OrganisationsnummerModule from 'organisationsnummer';

// CommonJS with ESM-style typings: at runtime the default import is the class itself.
const Organisationsnummer = OrganisationsnummerModule as unknown as typeof OrganisationsnummerModule.default;

const key = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]*$/, 'must be lower-case letters, digits and dashes, e.g. "boj-vasterort"');

const orgNumber = z
  .string()
  .regex(/^\d{6}-\d{4}$/, 'must be written NNNNNN-NNNN')
  .refine((v) => Organisationsnummer.valid(v), 'is not a valid organisation number (check digit)');

const isoDate = z.union([z.date(), z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD')]).transform((v) =>
  typeof v === 'string' ? v : v.toISOString().slice(0, 10),
);

const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time HH:MM');

const weekday = z.enum(['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday']);

/** How often a group meets: every N weeks on a weekday, or a cron expression (in BOT_TIMEZONE). */
export const meetingsSchema = z
  .object({
    every_weeks: z.number().int().min(1).max(52).optional(),
    weekday: weekday.optional(),
    time: time.optional(),
    starting: isoDate.optional(),
    cron: z.string().optional(),
    duration_minutes: z.number().int().min(15).max(600).default(120),
  })
  .strict()
  .refine((m) => m.cron !== undefined || m.every_weeks !== undefined, 'needs either every_weeks (+ weekday, time) or cron');

export const rotationSchema = z
  .object({
    order: z.array(key).min(1).optional(),
    /** Chair term for the steering group: number of meetings, or months. */
    term_meetings: z.number().int().min(1).optional(),
    term_months: z.number().int().min(1).optional(),
  })
  .strict();

/** A day of the year written MM-DD, e.g. "11-01" for 1 November. */
const dayMonth = z
  .string()
  .regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'must be a day of the year MM-DD, e.g. "11-01" for 1 November')
  .refine((v) => { const [m, d] = v.split('-').map(Number) as [number, number]; return d <= [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]!; }, 'is not a day of the year');

/**
 * A grant the agreement promises: a yearly amount split between the municipalities by population
 * on a day of the previous year (`population_split`), a fixed yearly amount paid by one party
 * (`fixed`), or an amount per inhabitant of the paying party's municipalities (`per_inhabitant`).
 */
export const grantSchema = z
  .object({
    key,
    name: z.string().min(1),
    kind: z.enum(['population_split', 'fixed', 'per_inhabitant']),
    /** Who pays: "municipalities" (each municipality its share, through its party) or one party's key. */
    payer: z.string().min(1).default('municipalities'),
    /** The party that receives the grant. */
    receiver: key,
    /** Whole kronor a year (population_split, fixed). */
    amount: z.number().int().min(1).optional(),
    /** Kronor per inhabitant (per_inhabitant), e.g. 1.20. */
    per_inhabitant: z.number().positive().optional(),
    /** The day of the previous year whose population counts (population_split, per_inhabitant). */
    population_day: dayMonth.optional(),
    /** Indexed by PKV: the amount is that of `base_year`, raised by each October's PKV since. */
    index: z.object({ kind: z.literal('pkv'), base_year: z.number().int().min(2000).max(2100) }).strict().optional(),
    /** The quarter of the year the grant is paid in. */
    payment_quarter: z.number().int().min(1).max(4).default(1),
  })
  .strict()
  .superRefine((g, ctx) => {
    if (g.kind !== 'per_inhabitant' && g.amount === undefined) ctx.addIssue({ code: 'custom', path: ['amount'], message: `a ${g.kind} grant needs amount (whole kronor a year)` });
    if (g.kind === 'per_inhabitant' && g.per_inhabitant === undefined) ctx.addIssue({ code: 'custom', path: ['per_inhabitant'], message: 'a per_inhabitant grant needs per_inhabitant (kronor per inhabitant)' });
    if (g.kind !== 'fixed' && g.population_day === undefined) ctx.addIssue({ code: 'custom', path: ['population_day'], message: `a ${g.kind} grant needs population_day (MM-DD of the previous year)` });
    if (g.kind === 'population_split' && g.payer !== 'municipalities') ctx.addIssue({ code: 'custom', path: ['payer'], message: 'a population_split grant is paid by "municipalities"' });
    if (g.kind !== 'population_split' && g.payer === 'municipalities') ctx.addIssue({ code: 'custom', path: ['payer'], message: `a ${g.kind} grant is paid by one party: give its key` });
  });


const roleSpec = z.union([
  z.enum(['coordinator', 'admin']),
  z.object({ representative: key }).strict(),
  z.object({ chair: key }).strict(),
]);

const httpsUrl = z.url({ protocol: /^https$/, message: 'must be an https address, e.g. https://example.org/bilaga.pdf' });

/** A party's appendix (bilaga): its commitments, as signed. Later versions come from steering decisions. */
export const appendixSchema = z
  .object({
    key,
    party: key,
    title: z.string().min(1),
    version: z.string().min(1),
    valid_from: isoDate,
    /** The signed document. */
    link: httpsUrl,
  })
  .strict();

/**
 * The agreement's term (seed 003 §5.1, §5.3): a first period from `start` to `first_end`, then
 * renewed automatically `renewal_years` at a time, at most to `latest_end`, unless a party gives
 * notice by `notice_deadline` (MM-DD) of the year; a notice given in time takes effect on the next
 * `notice_effective` day (MM-DD) after that deadline, a late one a year later.
 */
export const termSchema = z
  .object({
    start: isoDate,
    first_end: isoDate.optional(),
    /** Each renewal adds this many calendar years; absent: the agreement is not renewed. */
    renewal_years: z.number().int().min(1).max(10).optional(),
    latest_end: isoDate.optional(),
    notice_deadline: dayMonth.optional(),
    notice_effective: dayMonth.default('01-01'),
    reminders: z
      .object({
        /** Days before the notice deadline the steering group is reminded. */
        notice_days: z.array(z.number().int().min(1).max(365)).min(1).default([60, 14]),
        /** Months before the latest end the steering group is reminded to renegotiate. */
        latest_end_months: z.number().int().min(1).max(24).default(6),
      })
      .strict()
      .default({ notice_days: [60, 14], latest_end_months: 6 }),
  })
  .strict()
  .superRefine((t, ctx) => {
    if (t.first_end !== undefined && t.first_end < t.start) ctx.addIssue({ code: 'custom', path: ['first_end'], message: 'is before start' });
    if (t.latest_end !== undefined && t.latest_end < (t.first_end ?? t.start)) ctx.addIssue({ code: 'custom', path: ['latest_end'], message: 'is before first_end' });
    if (t.renewal_years !== undefined && t.first_end === undefined) ctx.addIssue({ code: 'custom', path: ['renewal_years'], message: 'a renewal needs first_end (the end of the first period)' });
  });

/** The agreement itself: its term, its grants and the parties' appendices. */
export const agreementSchema = z
  .object({
    term: termSchema.optional(),
    grants: z.array(grantSchema).optional(),
    appendices: z.array(appendixSchema).optional(),
  })
  .strict();

export const partnershipFileSchema = z
  .object({
    partnership: z
      .object({
        key,
        name: z.string().min(1),
        /** Categories of crime for the statistics form; a default list is used when absent. */
        crime_types: z.array(z.string().min(1)).min(1).optional(),
        /** Kinds of outreach work for `/uppfoljning utåtriktat`; a default list is used when absent. */
        outreach_kinds: z
          .array(z.string().trim().min(1).max(75, 'must be at most 75 characters (a menu shows no more)'))
          .min(1)
          .max(100)
          .refine((l) => new Set(l).size === l.length, 'lists a kind twice')
          .optional(),
        statistics: z
          .object({
            deadline_days: z.number().int().min(0).max(90).optional(),
            suppress_below: z.number().int().min(0).max(100).optional(),
            /** A hidden count's feasible range from everything published spans more than this (default 1: at least two values). */
            protection: z.number().int().min(1).max(10).optional(),
          })
          .strict()
          .optional(),
        escalation_reminder_days: z.number().int().min(1).max(90).optional(),
        /** The associations' annual report (`/uppfoljning rapport`): its deadline in the following year and its cost categories. */
        annual_report: z
          .object({
            deadline: dayMonth.optional(),
            cost_categories: z.array(z.string().min(1).max(150)).min(1).max(30).optional(),
          })
          .strict()
          .optional(),
      })
      .strict(),
    municipalities: z
      .array(
        z
          .object({
            key,
            name: z.string().min(1),
            code: z.string().regex(/^\d{4}$/, 'must be the four-digit municipality code').optional(),
            population: z.array(z.object({ date: isoDate, count: z.number().int().min(0) }).strict()).default([]),
          })
          .strict(),
      )
      .default([]),
    parties: z
      .array(
        z
          .object({
            key,
            name: z.string().min(1),
            short_name: z.string().min(1).optional(),
            org_number: orgNumber.optional(),
            sector: z.enum(['public', 'nonprofit']),
            /** Municipalities the party serves (a non-profit) or is (a municipality). */
            municipalities: z.array(key).default([]),
          })
          .strict(),
      )
      .min(1),
    groups: z
      .array(
        z
          .object({
            key,
            kind: z.enum(['steering', 'collaboration']),
            name: z.string().min(1),
            short_code: z.string().regex(/^[A-ZÅÄÖ]{2,6}$/, 'must be 2–6 capital letters, e.g. SAM').optional(),
            channel: z.string().regex(/^[CG][A-Z0-9]{2,}$/, 'must be a channel id such as C0123ABCD'),
            parties: z.array(key).min(1),
            meetings: meetingsSchema.optional(),
            rotation: rotationSchema.optional(),
          })
          .strict(),
      )
      .min(1),
    members: z
      .array(
        z
          .object({
            user: z.string().regex(/^[UW][A-Z0-9]{2,}$/, 'must be a chat user id such as U0123ABCD'),
            name: z.string().min(1),
            email: z.email().optional(),
            party: key,
            locale: z.enum(['sv', 'en']).optional(),
            roles: z.array(roleSpec).default([]),
          })
          .strict(),
      )
      .default([]),
    agreement: agreementSchema.optional(),
  })
  .strict()
  .superRefine((f, ctx) => {
    const dup = (items: { key: string }[], path: string) => {
      const seen = new Set<string>();
      items.forEach((it, i) => {
        if (seen.has(it.key)) ctx.addIssue({ code: 'custom', path: [path, i, 'key'], message: `"${it.key}" is declared twice` });
        seen.add(it.key);
      });
    };
    dup(f.parties, 'parties');
    dup(f.municipalities, 'municipalities');
    dup(f.groups, 'groups');
    const parties = new Set(f.parties.map((p) => p.key));
    const municipalities = new Set(f.municipalities.map((m) => m.key));
    const groups = new Map(f.groups.map((g) => [g.key, g]));
    f.parties.forEach((p, i) =>
      p.municipalities.forEach((m, j) => {
        if (!municipalities.has(m)) ctx.addIssue({ code: 'custom', path: ['parties', i, 'municipalities', j], message: `unknown municipality "${m}"` });
      }),
    );
    const channels = new Set<string>();
    f.groups.forEach((g, i) => {
      if (channels.has(g.channel)) ctx.addIssue({ code: 'custom', path: ['groups', i, 'channel'], message: `channel ${g.channel} is bound to two groups` });
      channels.add(g.channel);
      g.parties.forEach((p, j) => {
        if (!parties.has(p)) ctx.addIssue({ code: 'custom', path: ['groups', i, 'parties', j], message: `unknown party "${p}"` });
      });
      g.rotation?.order?.forEach((p, j) => {
        if (!g.parties.includes(p)) ctx.addIssue({ code: 'custom', path: ['groups', i, 'rotation', 'order', j], message: `"${p}" is not a party of group "${g.key}"` });
      });
    });
    const appendices = f.agreement?.appendices ?? [];
    const appendixKeys = new Set<string>();
    const withAppendix = new Set<string>();
    appendices.forEach((a, i) => {
      if (appendixKeys.has(a.key)) ctx.addIssue({ code: 'custom', path: ['agreement', 'appendices', i, 'key'], message: `"${a.key}" is declared twice` });
      appendixKeys.add(a.key);
      if (!parties.has(a.party)) ctx.addIssue({ code: 'custom', path: ['agreement', 'appendices', i, 'party'], message: `unknown party "${a.party}"` });
      else if (withAppendix.has(a.party)) ctx.addIssue({ code: 'custom', path: ['agreement', 'appendices', i, 'party'], message: `party "${a.party}" has two appendices; give it one` });
      withAppendix.add(a.party);
    });
    const grants = f.agreement?.grants ?? [];
    const grantKeys = new Set<string>();
    grants.forEach((g, i) => {
      if (grantKeys.has(g.key)) ctx.addIssue({ code: 'custom', path: ['agreement', 'grants', i, 'key'], message: `grant "${g.key}" is declared twice` });
      grantKeys.add(g.key);
    });
    grants.forEach((g, i) => {
      if (!parties.has(g.receiver)) ctx.addIssue({ code: 'custom', path: ['agreement', 'grants', i, 'receiver'], message: `unknown party "${g.receiver}"` });
      if (g.payer !== 'municipalities' && !parties.has(g.payer)) ctx.addIssue({ code: 'custom', path: ['agreement', 'grants', i, 'payer'], message: `unknown party "${g.payer}" (or write "municipalities")` });
    });
    const users = new Set<string>();
    f.members.forEach((m, i) => {
      if (users.has(m.user)) ctx.addIssue({ code: 'custom', path: ['members', i, 'user'], message: `user ${m.user} is declared twice` });
      users.add(m.user);
      if (!parties.has(m.party)) ctx.addIssue({ code: 'custom', path: ['members', i, 'party'], message: `unknown party "${m.party}"` });
      m.roles.forEach((r, j) => {
        if (typeof r === 'string') return;
        const g = 'representative' in r ? r.representative : r.chair;
        const group = groups.get(g);
        if (!group) ctx.addIssue({ code: 'custom', path: ['members', i, 'roles', j], message: `unknown group "${g}"` });
        else if (!group.parties.includes(m.party))
          ctx.addIssue({ code: 'custom', path: ['members', i, 'roles', j], message: `party "${m.party}" is not a party of group "${g}"` });
      });
    });
  });

export type PartnershipFile = z.infer<typeof partnershipFileSchema>;
export type RoleSpec = z.infer<typeof roleSpec>;
export type GrantSpec = z.infer<typeof grantSchema>;
export type TermSpec = z.infer<typeof termSchema>;
