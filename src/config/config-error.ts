/** Bad input to the config, drafts or journal: a message a person can act on; nothing was changed. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}
