/**
 * The most common given names of each locale, sex and birth cohort, in percent of that sex and cohort: the heads of
 * the given-name lotteries (nameLottery.ts); faker's given names of the locale fill the rest. A user's cohort follows
 * their age at registration (older: 55 and over, middle: 35-54, young: 18-34), so Mary is common among older
 * Americans and Jessica among younger ones. Sources: docs/data-sources.md.
 */
import type { LocaleCode } from '../../model/locales.js';
import type { Shares } from './surnames.js';

interface BySex {
  readonly female: Shares;
  readonly male: Shares;
}

/** Birth cohorts, oldest first: the index users.ts computes from the age band. */
export const COHORTS = ['older', 'middle', 'young'] as const;
export type Cohort = (typeof COHORTS)[number];

type ByCohort = Readonly<Record<Cohort, BySex>>;

/** US: Social Security Administration baby names by decade (births 1940-1969, 1970-1989, 1990-2008); shares estimated. */
const US: ByCohort = {
  older: {
    female: [
      ['Mary', 3.0], ['Linda', 1.8], ['Patricia', 1.6], ['Barbara', 1.4], ['Susan', 1.3], ['Nancy', 1.0],
      ['Deborah', 1.0], ['Karen', 1.0], ['Donna', 0.9], ['Sandra', 0.8], ['Carol', 0.8], ['Sharon', 0.7],
      ['Betty', 0.7], ['Dorothy', 0.6], ['Margaret', 0.6],
    ],
    male: [
      ['James', 3.3], ['Robert', 3.3], ['John', 3.2], ['Michael', 2.9], ['David', 2.6], ['William', 2.4],
      ['Richard', 2.0], ['Thomas', 1.6], ['Charles', 1.5], ['Gary', 1.2], ['Larry', 1.1], ['Ronald', 1.1],
      ['Donald', 1.0], ['Kenneth', 1.0], ['Steven', 1.0],
    ],
  },
  middle: {
    female: [
      ['Jennifer', 2.6], ['Jessica', 1.5], ['Amy', 1.3], ['Melissa', 1.3], ['Sarah', 1.1], ['Michelle', 1.1],
      ['Lisa', 1.1], ['Kimberly', 1.0], ['Angela', 1.0], ['Heather', 0.9], ['Stephanie', 0.9], ['Nicole', 0.8],
      ['Elizabeth', 0.8], ['Amanda', 0.8], ['Rebecca', 0.6],
    ],
    male: [
      ['Michael', 3.8], ['Christopher', 2.4], ['Jason', 2.0], ['David', 2.0], ['James', 1.9], ['John', 1.8],
      ['Robert', 1.8], ['Brian', 1.3], ['Matthew', 1.3], ['William', 1.2], ['Joseph', 1.1], ['Daniel', 1.1],
      ['Kevin', 1.0], ['Eric', 0.9], ['Joshua', 0.9],
    ],
  },
  young: {
    female: [
      ['Jessica', 1.3], ['Ashley', 1.3], ['Emily', 1.2], ['Sarah', 1.0], ['Samantha', 0.9], ['Hannah', 0.9],
      ['Madison', 0.9], ['Elizabeth', 0.8], ['Taylor', 0.7], ['Alexis', 0.7], ['Megan', 0.6], ['Lauren', 0.6],
      ['Emma', 0.6], ['Olivia', 0.6], ['Abigail', 0.5],
    ],
    male: [
      ['Michael', 2.1], ['Jacob', 1.9], ['Christopher', 1.5], ['Matthew', 1.5], ['Joshua', 1.5], ['Nicholas', 1.1],
      ['Andrew', 1.1], ['Daniel', 1.1], ['Tyler', 1.0], ['Joseph', 1.0], ['Ethan', 1.0], ['William', 0.9],
      ['Anthony', 0.9], ['Ryan', 0.8], ['David', 0.8],
    ],
  },
};

/** UK: ONS (England and Wales) baby names, the same birth periods; estimate. */
const GB: ByCohort = {
  older: {
    female: [
      ['Margaret', 2.2], ['Susan', 2.0], ['Patricia', 1.5], ['Elizabeth', 1.4], ['Linda', 1.3], ['Christine', 1.3],
      ['Carol', 1.2], ['Janet', 1.2], ['Jean', 1.1], ['Sandra', 1.0], ['Ann', 1.0], ['Julie', 0.9],
    ],
    male: [
      ['David', 3.0], ['John', 3.0], ['Peter', 2.0], ['Michael', 2.0], ['Paul', 1.8], ['Robert', 1.6],
      ['Stephen', 1.5], ['Richard', 1.3], ['Alan', 1.2], ['Brian', 1.1], ['Anthony', 1.1], ['Christopher', 1.0],
    ],
  },
  middle: {
    female: [
      ['Sarah', 2.2], ['Claire', 1.8], ['Emma', 1.6], ['Nicola', 1.5], ['Lisa', 1.4], ['Michelle', 1.3],
      ['Helen', 1.3], ['Karen', 1.2], ['Rachel', 1.1], ['Louise', 1.1], ['Joanne', 1.0], ['Kelly', 1.0],
    ],
    male: [
      ['David', 2.4], ['Paul', 2.3], ['Mark', 2.2], ['Andrew', 2.0], ['James', 1.9], ['Michael', 1.8],
      ['Richard', 1.4], ['Daniel', 1.4], ['Christopher', 1.4], ['Matthew', 1.3], ['Stephen', 1.2], ['Robert', 1.1],
    ],
  },
  young: {
    female: [
      ['Jessica', 1.7], ['Emily', 1.7], ['Sophie', 1.6], ['Chloe', 1.6], ['Lauren', 1.4], ['Hannah', 1.4],
      ['Charlotte', 1.2], ['Amy', 1.2], ['Rebecca', 1.1], ['Olivia', 1.0], ['Emma', 1.0], ['Megan', 1.0],
    ],
    male: [
      ['Thomas', 2.0], ['James', 2.0], ['Jack', 2.0], ['Daniel', 1.8], ['Joshua', 1.7], ['Matthew', 1.5],
      ['Samuel', 1.3], ['Joseph', 1.3], ['Ryan', 1.2], ['Luke', 1.2], ['William', 1.1], ['Adam', 1.0],
    ],
  },
};

/** Germany: GfdS / Knud Bielefeld's first names by birth year; estimate. */
const DE: ByCohort = {
  older: {
    female: [
      ['Ursula', 2.0], ['Monika', 1.8], ['Renate', 1.6], ['Karin', 1.5], ['Helga', 1.4], ['Brigitte', 1.4],
      ['Ingrid', 1.2], ['Gisela', 1.1], ['Elke', 1.0], ['Christa', 1.0], ['Barbara', 1.0], ['Gabriele', 1.0],
    ],
    male: [
      ['Peter', 2.2], ['Wolfgang', 2.0], ['Klaus', 2.0], ['Jürgen', 1.8], ['Dieter', 1.5], ['Manfred', 1.5],
      ['Hans', 1.4], ['Günter', 1.3], ['Uwe', 1.2], ['Werner', 1.2], ['Bernd', 1.1], ['Horst', 1.0],
    ],
  },
  middle: {
    female: [
      ['Sabine', 2.0], ['Andrea', 1.9], ['Petra', 1.6], ['Claudia', 1.5], ['Susanne', 1.4], ['Nicole', 1.3],
      ['Stefanie', 1.3], ['Katrin', 1.1], ['Melanie', 1.1], ['Tanja', 1.0], ['Daniela', 1.0], ['Anja', 1.0],
    ],
    male: [
      ['Michael', 2.2], ['Thomas', 2.1], ['Andreas', 2.0], ['Stefan', 1.8], ['Frank', 1.5], ['Markus', 1.5],
      ['Christian', 1.4], ['Oliver', 1.1], ['Matthias', 1.1], ['Martin', 1.0], ['Sven', 1.0], ['Jan', 0.9],
    ],
  },
  young: {
    female: [
      ['Julia', 1.8], ['Laura', 1.6], ['Anna', 1.6], ['Lisa', 1.5], ['Sarah', 1.4], ['Lea', 1.2], ['Katharina', 1.1],
      ['Lena', 1.1], ['Jana', 1.0], ['Vanessa', 0.9], ['Leonie', 0.9], ['Hannah', 0.9],
    ],
    male: [
      ['Lukas', 1.8], ['Jan', 1.6], ['Tim', 1.5], ['Niklas', 1.5], ['Alexander', 1.4], ['Daniel', 1.3],
      ['Florian', 1.2], ['Philipp', 1.2], ['Kevin', 1.1], ['Tobias', 1.1], ['Jonas', 1.0], ['Felix', 1.0],
    ],
  },
};

/** France: INSEE fichier des prénoms, by birth year; estimate. */
const FR: ByCohort = {
  older: {
    female: [
      ['Marie', 2.5], ['Monique', 1.6], ['Françoise', 1.5], ['Catherine', 1.5], ['Nicole', 1.4], ['Sylvie', 1.3],
      ['Martine', 1.3], ['Christine', 1.2], ['Jacqueline', 1.1], ['Brigitte', 1.0], ['Annie', 1.0], ['Michèle', 1.0],
    ],
    male: [
      ['Jean', 3.0], ['Michel', 2.4], ['Alain', 2.0], ['Philippe', 1.9], ['Patrick', 1.7], ['Pierre', 1.6],
      ['Daniel', 1.4], ['Bernard', 1.4], ['Gérard', 1.3], ['Jacques', 1.3], ['Christian', 1.2], ['Claude', 1.0],
    ],
  },
  middle: {
    female: [
      ['Nathalie', 2.2], ['Isabelle', 2.0], ['Valérie', 1.6], ['Sandrine', 1.6], ['Stéphanie', 1.5], ['Céline', 1.3],
      ['Véronique', 1.2], ['Virginie', 1.2], ['Karine', 1.1], ['Sophie', 1.1], ['Laurence', 1.0],
      ['Christelle', 1.0],
    ],
    male: [
      ['Christophe', 2.2], ['Stéphane', 2.0], ['Nicolas', 2.0], ['Frédéric', 1.7], ['Laurent', 1.7],
      ['Sébastien', 1.6], ['David', 1.5], ['Olivier', 1.4], ['Thierry', 1.2], ['Eric', 1.2], ['Julien', 1.1],
      ['Pascal', 1.0],
    ],
  },
  young: {
    female: [
      ['Camille', 1.6], ['Laura', 1.5], ['Julie', 1.4], ['Manon', 1.4], ['Marine', 1.2], ['Léa', 1.2],
      ['Sarah', 1.1], ['Pauline', 1.1], ['Marion', 1.0], ['Chloé', 1.0], ['Emma', 0.9], ['Anaïs', 0.9],
    ],
    male: [
      ['Thomas', 2.0], ['Nicolas', 1.6], ['Julien', 1.5], ['Maxime', 1.5], ['Alexandre', 1.4], ['Kevin', 1.3],
      ['Quentin', 1.3], ['Antoine', 1.2], ['Hugo', 1.1], ['Lucas', 1.1], ['Romain', 1.0], ['Clément', 1.0],
    ],
  },
};

/** Canada: US and Quebec (Retraite Québec) rankings of the same periods mixed; estimate. */
const CA: ByCohort = {
  older: {
    female: [
      ['Mary', 1.6], ['Linda', 1.0], ['Susan', 1.0], ['Patricia', 0.9], ['Margaret', 0.9], ['Barbara', 0.8],
      ['Carol', 0.8], ['Diane', 0.8], ['Lise', 0.5], ['Sylvie', 0.5], ['Louise', 0.5], ['Nicole', 0.5],
    ],
    male: [
      ['John', 2.2], ['Robert', 2.0], ['David', 1.8], ['James', 1.6], ['William', 1.4], ['Michael', 1.4],
      ['Richard', 1.1], ['Paul', 1.0], ['Jean', 0.9], ['Pierre', 0.6], ['Michel', 0.6], ['Gerald', 0.5],
    ],
  },
  middle: {
    female: [
      ['Jennifer', 1.8], ['Lisa', 1.2], ['Michelle', 1.2], ['Karen', 1.1], ['Sarah', 1.0], ['Melissa', 1.0],
      ['Stephanie', 0.9], ['Julie', 0.8], ['Amanda', 0.8], ['Nathalie', 0.7], ['Kimberly', 0.7], ['Isabelle', 0.6],
    ],
    male: [
      ['Michael', 2.6], ['David', 1.8], ['Christopher', 1.6], ['Jason', 1.4], ['Daniel', 1.2], ['Matthew', 1.2],
      ['James', 1.2], ['Mark', 1.1], ['Steven', 1.0], ['Jeffrey', 0.8], ['Eric', 0.7], ['Martin', 0.6],
    ],
  },
  young: {
    female: [
      ['Emily', 1.4], ['Jessica', 1.3], ['Sarah', 1.2], ['Samantha', 1.0], ['Hannah', 0.9], ['Ashley', 0.9],
      ['Olivia', 0.8], ['Emma', 0.8], ['Megan', 0.8], ['Laurence', 0.5], ['Camille', 0.5], ['Léa', 0.5],
    ],
    male: [
      ['Matthew', 1.6], ['Ryan', 1.4], ['Michael', 1.4], ['Tyler', 1.2], ['Nicholas', 1.2], ['Jacob', 1.1],
      ['Joshua', 1.1], ['Daniel', 1.0], ['William', 1.0], ['Samuel', 0.8], ['Alexandre', 0.7], ['Gabriel', 0.6],
    ],
  },
};

/** Australia: state registries' (NSW, Victoria) popular names of the same periods; estimate. */
const AU: ByCohort = {
  older: {
    female: [
      ['Margaret', 2.0], ['Susan', 1.6], ['Patricia', 1.2], ['Elizabeth', 1.2], ['Helen', 1.1], ['Jennifer', 1.0],
      ['Christine', 1.0], ['Karen', 1.0], ['Kerry', 0.8], ['Julie', 0.8], ['Robyn', 0.8], ['Lynette', 0.7],
    ],
    male: [
      ['John', 2.8], ['David', 2.6], ['Peter', 2.2], ['Robert', 1.8], ['Michael', 1.8], ['Stephen', 1.4],
      ['Paul', 1.3], ['Ian', 1.1], ['Graham', 1.0], ['Gregory', 1.0], ['Mark', 1.0], ['Geoffrey', 0.8],
    ],
  },
  middle: {
    female: [
      ['Michelle', 1.8], ['Lisa', 1.6], ['Sarah', 1.5], ['Nicole', 1.4], ['Rebecca', 1.2], ['Kylie', 1.1],
      ['Melissa', 1.1], ['Amanda', 1.0], ['Karen', 0.9], ['Rachel', 0.9], ['Kelly', 0.8], ['Emma', 0.8],
    ],
    male: [
      ['Michael', 2.4], ['David', 2.0], ['Matthew', 1.8], ['Andrew', 1.8], ['Daniel', 1.6], ['Mark', 1.5],
      ['Jason', 1.4], ['Paul', 1.2], ['Scott', 1.2], ['Benjamin', 1.0], ['Christopher', 1.0], ['Shane', 0.8],
    ],
  },
  young: {
    female: [
      ['Jessica', 1.8], ['Emily', 1.6], ['Chloe', 1.5], ['Sarah', 1.2], ['Olivia', 1.1], ['Hannah', 1.0],
      ['Emma', 1.0], ['Georgia', 1.0], ['Sophie', 0.9], ['Isabella', 0.9], ['Mia', 0.8], ['Ella', 0.8],
    ],
    male: [
      ['Joshua', 1.9], ['Jack', 1.8], ['Thomas', 1.5], ['James', 1.5], ['Daniel', 1.4], ['Matthew', 1.4],
      ['Samuel', 1.2], ['Ryan', 1.1], ['Lachlan', 1.0], ['Benjamin', 1.0], ['William', 1.0], ['Liam', 0.9],
    ],
  },
};

export const GIVEN_NAMES: Record<LocaleCode, ByCohort> = { en_US: US, en_GB: GB, de: DE, fr: FR, en_CA: CA, en_AU: AU };

/** Faker locales whose given names fill each locale's tail (Canada's French speakers from fr). */
export const GIVEN_TAILS: Record<LocaleCode, readonly (readonly [faker: string, weight: number])[]> = {
  en_US: [['en', 100]],
  en_GB: [['en', 100]],
  de: [['de', 100]],
  fr: [['fr', 100]],
  en_CA: [['en', 78], ['fr', 22]],
  en_AU: [['en_AU', 30], ['en', 70]],
};
