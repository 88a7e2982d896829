"""The Discord front end: the client, its command tree, the runner, one extension per feature
(`exts/`) and the embeds and views (`ui/`). This is the only package that imports `discord`; it turns
interactions and messages into calls of the Discord-free core and the results into embeds."""
