// The app's version: what --version prints, and what the open cache is stamped with (a cache another
// version wrote is not read: its layout or its meaning may differ).
export const VERSION = '0.1.0';
