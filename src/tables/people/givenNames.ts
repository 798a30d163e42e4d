/**
 * The most common given names of each locale and sex, in percent of that sex: the head of the given-name lotteries
 * (nameLottery.ts); faker's given names of the locale fill the rest. Sources: docs/data-sources.md.
 */
import type { LocaleCode } from '../../model/locales.js';
import type { Shares } from './surnames.js';

interface BySex {
  readonly female: Shares;
  readonly male: Shares;
}

/** US Census Bureau, 1990 Census given-name file (percent of females and of males). */
const US: BySex = {
  female: [
    ['Mary', 2.629], ['Patricia', 1.073], ['Linda', 1.035], ['Barbara', 0.98], ['Elizabeth', 0.937],
    ['Jennifer', 0.932], ['Maria', 0.828], ['Susan', 0.794], ['Margaret', 0.768], ['Dorothy', 0.727],
    ['Lisa', 0.704], ['Nancy', 0.669], ['Karen', 0.667], ['Betty', 0.666], ['Helen', 0.663],
    ['Sandra', 0.629], ['Donna', 0.583], ['Carol', 0.565], ['Ruth', 0.562], ['Sharon', 0.522],
  ],
  male: [
    ['James', 3.318], ['John', 3.271], ['Robert', 3.143], ['Michael', 2.629], ['William', 2.451],
    ['David', 2.363], ['Richard', 1.703], ['Charles', 1.523], ['Joseph', 1.404], ['Thomas', 1.38],
    ['Christopher', 1.035], ['Daniel', 0.974], ['Paul', 0.948], ['Mark', 0.938], ['Donald', 0.931],
    ['George', 0.927], ['Kenneth', 0.826], ['Steven', 0.78], ['Edward', 0.779], ['Brian', 0.736],
  ],
};

/** ONS baby names, the top names of births 1954-2004 pooled; shares are an estimate. */
const GB: BySex = {
  female: [
    ['Sarah', 1.6], ['Susan', 1.4], ['Elizabeth', 1.3], ['Emma', 1.3], ['Margaret', 1.2], ['Claire', 1.1],
    ['Helen', 1.1], ['Karen', 1.0], ['Julie', 1.0], ['Laura', 1.0], ['Rebecca', 0.9], ['Jennifer', 0.8],
    ['Nicola', 0.8], ['Emily', 0.8], ['Jessica', 0.7],
  ],
  male: [
    ['David', 2.6], ['John', 2.4], ['Paul', 1.9], ['James', 1.9], ['Michael', 1.8], ['Mark', 1.6],
    ['Andrew', 1.5], ['Peter', 1.3], ['Richard', 1.2], ['Robert', 1.2], ['Daniel', 1.1], ['Thomas', 1.1],
    ['Christopher', 1.0], ['Stephen', 1.0], ['Matthew', 0.9],
  ],
};

/** GfdS / Knud Bielefeld, the most common given names of people living in Germany; shares are an estimate. */
const DE: BySex = {
  female: [
    ['Ursula', 1.3], ['Sabine', 1.2], ['Petra', 1.1], ['Monika', 1.1], ['Andrea', 1.1], ['Claudia', 1.0],
    ['Susanne', 1.0], ['Karin', 0.9], ['Stefanie', 0.9], ['Julia', 0.9], ['Anna', 0.8], ['Christina', 0.8],
    ['Birgit', 0.7], ['Katharina', 0.7], ['Laura', 0.6],
  ],
  male: [
    ['Peter', 1.6], ['Michael', 1.6], ['Thomas', 1.5], ['Andreas', 1.5], ['Wolfgang', 1.3], ['Stefan', 1.2],
    ['Klaus', 1.1], ['Christian', 1.1], ['Jürgen', 1.0], ['Frank', 1.0], ['Markus', 0.9], ['Alexander', 0.9],
    ['Daniel', 0.8], ['Jan', 0.7], ['Lukas', 0.6],
  ],
};

/** INSEE, fichier des prénoms (births 1946-2005 pooled); shares are an estimate. */
const FR: BySex = {
  female: [
    ['Marie', 2.0], ['Nathalie', 1.3], ['Isabelle', 1.3], ['Sylvie', 1.2], ['Catherine', 1.2],
    ['Martine', 1.0], ['Christine', 1.0], ['Françoise', 0.9], ['Valérie', 0.9], ['Sandrine', 0.9],
    ['Stéphanie', 0.8], ['Céline', 0.8], ['Julie', 0.8], ['Camille', 0.6], ['Laura', 0.6],
  ],
  male: [
    ['Jean', 1.9], ['Michel', 1.5], ['Philippe', 1.5], ['Alain', 1.3], ['Nicolas', 1.3], ['Pierre', 1.2],
    ['Christophe', 1.2], ['Patrick', 1.1], ['Stéphane', 1.0], ['Thomas', 1.0], ['Daniel', 0.9],
    ['Julien', 0.9], ['Sébastien', 0.9], ['Frédéric', 0.8], ['Laurent', 0.8],
  ],
};

/** Canada (English and French Canada): Statistics Canada / Retraite Québec popular names; estimate. */
const CA: BySex = {
  female: [
    ['Mary', 1.2], ['Jennifer', 1.1], ['Sarah', 1.0], ['Susan', 0.9], ['Lisa', 0.9], ['Marie', 0.9],
    ['Karen', 0.8], ['Elizabeth', 0.8], ['Nathalie', 0.6], ['Jessica', 0.7], ['Emily', 0.6], ['Julie', 0.6],
  ],
  male: [
    ['David', 1.8], ['John', 1.7], ['Michael', 1.7], ['Robert', 1.5], ['James', 1.4], ['Daniel', 1.0],
    ['Jean', 0.9], ['Mark', 0.9], ['Paul', 0.9], ['Christopher', 0.9], ['Ryan', 0.7], ['Luc', 0.5],
  ],
};

/** Australia: state registries' popular names pooled over decades; estimate. */
const AU: BySex = {
  female: [
    ['Sarah', 1.3], ['Jessica', 1.2], ['Emma', 1.0], ['Michelle', 1.0], ['Lisa', 0.9], ['Karen', 0.9],
    ['Rebecca', 0.9], ['Emily', 0.8], ['Susan', 0.8], ['Margaret', 0.8], ['Chloe', 0.6], ['Olivia', 0.6],
  ],
  male: [
    ['David', 1.9], ['John', 1.7], ['Michael', 1.7], ['Peter', 1.4], ['Andrew', 1.4], ['Matthew', 1.2],
    ['Daniel', 1.1], ['James', 1.1], ['Paul', 1.0], ['Mark', 1.0], ['Joshua', 0.8], ['Jack', 0.7],
  ],
};

export const GIVEN_NAMES: Record<LocaleCode, BySex> = { en_US: US, en_GB: GB, de: DE, fr: FR, en_CA: CA, en_AU: AU };

/** Faker locales whose given names fill each locale's tail (Canada's French speakers from fr). */
export const GIVEN_TAILS: Record<LocaleCode, readonly (readonly [faker: string, weight: number])[]> = {
  en_US: [['en', 100]],
  en_GB: [['en', 100]],
  de: [['de', 100]],
  fr: [['fr', 100]],
  en_CA: [['en', 78], ['fr', 22]],
  en_AU: [['en_AU', 30], ['en', 70]],
};
