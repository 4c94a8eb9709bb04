"""How minutes write their record, as rules both the build and `site-gen import` use.

One set of rules: a convention a clerk uses in minutes written for site_gen ("New actions",
"Dez: share the research", "3.1 ... Done" under "Matters arising") is read the same way in
an archive being imported, and the other way round. Each module is one family:

- `statuses`: the words for where an action stands, and where minutes write them;
- `action_labels`: headings and labels that introduce new actions or review earlier ones;
- `action_text`: one action as written: id, owner, task, and a status at its end;
- `short_names`: initials, handles and short forms of a person's name.
"""
