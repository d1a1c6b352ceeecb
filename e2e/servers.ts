/** The build at the root of an origin. */
export const ROOT_URL = "http://127.0.0.1:4173/";
/** The same build under a sub-path, as a static host's project page serves it. */
export const SUBPATH_URL = "http://127.0.0.1:4174/tools/wsgi-playground/";
