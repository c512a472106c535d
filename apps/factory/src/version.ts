export const FACTORY_VERSION = '0.1.0';
