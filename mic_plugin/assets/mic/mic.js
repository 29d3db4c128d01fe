/* Make It Count: progressive enhancement (placeholder, to be built) */
