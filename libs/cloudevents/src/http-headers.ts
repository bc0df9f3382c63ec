/** Request or response headers as Node gives them: lower-case names; a repeated header as a list. */
export type HttpHeaders = Readonly<Record<string, string | string[] | undefined>>;
