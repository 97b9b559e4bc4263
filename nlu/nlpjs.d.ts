// Minimal typings for the parts of NLP.js v4 (plain JavaScript, no types shipped) that
// nlu/ uses. Only nlu/ may import these modules.

declare module '@nlpjs/core' {
  export interface NlpjsContainer {
    register(name: string, item: unknown, isSingleton?: boolean): void;
    use(item: unknown, name?: string, isSingleton?: boolean): string;
    get(name: string, settings?: unknown): any;
    getConfiguration(tag: string): Record<string, unknown> | undefined;
    registerConfiguration(tag: string, configuration: Record<string, unknown>, overwrite?: boolean): void;
  }
  /**
   * A fresh container with NLP.js's base plugins; unlike core-loader's (behind `dockStart`), it
   * reads no files or environment. `settings.settings.<tag>` REPLACES the configuration of that tag.
   */
  export function containerBootstrap(settings?: { settings?: Record<string, Record<string, unknown>> }): NlpjsContainer;
}

declare module '@nlpjs/nlu' {
  export interface NluPrepareInput {
    locale?: string;
    text?: string;
    utterance?: string;
    settings?: Record<string, unknown>;
  }
  /** NLP.js's neural intent classifier for one domain ("NeuralNlu"). */
  export class NluNeural {
    constructor(settings?: Record<string, unknown>, container?: unknown);
    settings: Record<string, any>;
    container: import('@nlpjs/core').NlpjsContainer;
    defaultPipelinePrepare(input: NluPrepareInput): Promise<Record<string, number>>;
    normalizeClassifications(input: unknown): unknown;
    toJSON(): Record<string, any>;
    fromJSON(json: Record<string, any>): void;
  }
}

declare module '@nlpjs/nlp' {
  export interface NlpjsClassification {
    intent: string;
    score: number;
  }
  export interface NlpjsClassifyResult {
    locale: string;
    utterance: string;
    intent: string;
    score: number;
    classifications: NlpjsClassification[];
  }
  export class Nlp {
    constructor(settings?: Record<string, unknown>, container?: unknown);
    settings: Record<string, any>;
    container: import('@nlpjs/core').NlpjsContainer;
    nluManager: {
      settings: Record<string, any>;
      domainManagers: Record<string, { settings: Record<string, any>; domains: Record<string, any> }>;
    };
    useNlu(className: string, locale?: string, domain?: string, settings?: Record<string, unknown>): void;
    addLanguage(locales: string | string[]): void;
    addDocument(locale: string, utterance: string, intent: string): void;
    train(): Promise<unknown>;
    classify(locale: string, utterance: string): Promise<NlpjsClassifyResult>;
    export(minified?: boolean): string;
    import(data: string | Record<string, unknown>): void;
  }
}

declare module '@nlpjs/lang-en-min' {
  /** English tokenizer, normalizer, stemmer and stopwords (no sentiment data). */
  export const LangEn: unknown;
}
