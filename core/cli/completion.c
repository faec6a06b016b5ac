/* completion bash|zsh: shell completion generated from the command table and the
 * flag table at run time, so it can never disagree with the parser. The flag names
 * are read back from wiz_cli_print_flags, the one printer of the flag table. */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_FLAGS 64

struct cflag {
    char names[80]; /* "--zone --region" (long names only) */
    char arg[32];   /* metavar, "" for booleans; "us|eu" lists the values */
    char help[160];
};

struct cflags {
    struct cflag f[MAX_FLAGS];
    int n;
};

/* One help line: "  -y, --yes        help" or "      --zone, --region us|eu  help";
 * the left column is 36 characters wide (see wiz_cli_print_flags). */
static void parse_line(const char *line, struct cflag *c)
{
    memset(c, 0, sizeof *c);
    size_t ll = strlen(line);
    const char *help = ll > 37 ? line + 37 : "";
    while (*help == ' ')
        help++;
    snprintf(c->help, sizeof c->help, "%s", help);
    char left[64];
    snprintf(left, sizeof left, "%.*s", ll > 36 ? 36 : (int)ll, line);
    char *save = NULL;
    for (char *tok = strtok_r(left, " ,", &save); tok; tok = strtok_r(NULL, " ,", &save)) {
        if (strncmp(tok, "--", 2) == 0) {
            if (c->names[0])
                strncat(c->names, " ", sizeof c->names - strlen(c->names) - 1);
            strncat(c->names, tok, sizeof c->names - strlen(c->names) - 1);
        } else if (tok[0] != '-') {
            snprintf(c->arg, sizeof c->arg, "%s", tok);
        }
    }
}

static enum wiz_rc load_flags(struct wiz_ctx *ctx, const struct wiz_cmd *cmd, struct cflags *out)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    if (!f)
        return wiz_fail(ctx, WIZ_EINTERNAL, "out of memory");
    wiz_cli_print_flags(f, cmd);
    fclose(f);
    out->n = 0;
    char *save = NULL;
    for (char *line = strtok_r(buf, "\n", &save); line && out->n < MAX_FLAGS; line = strtok_r(NULL, "\n", &save)) {
        parse_line(line, &out->f[out->n]);
        if (out->f[out->n].names[0])
            out->n++;
    }
    free(buf);
    return WIZ_OK;
}

/* The value words of a metavar like "us|eu"; NULL when it is free text. */
static const char *choices(const struct cflag *c, char *buf, size_t cap)
{
    if (!strchr(c->arg, '|'))
        return NULL;
    snprintf(buf, cap, "%s", c->arg);
    for (char *p = buf; *p; p++)
        if (*p == '|')
            *p = ' ';
    return buf;
}

static void names_alt(const char *names, char *buf, size_t cap)
{
    snprintf(buf, cap, "%s", names);
    for (char *p = buf; *p; p++)
        if (*p == ' ')
            *p = '|';
}

/* First words of the commands ("auth" once for "auth status" and "auth token"). */
static void first_words(char *buf, size_t cap)
{
    buf[0] = '\0';
    for (const struct wiz_cmd *const *c = wiz_commands; *c; c++) {
        char w[64];
        snprintf(w, sizeof w, "%.*s", (int)strcspn((*c)->name, " "), (*c)->name);
        char padded[80], hay[2048];
        snprintf(padded, sizeof padded, " %s ", w);
        snprintf(hay, sizeof hay, " %s ", buf);
        if (strstr(hay, padded))
            continue;
        if (buf[0])
            strncat(buf, " ", cap - strlen(buf) - 1);
        strncat(buf, w, cap - strlen(buf) - 1);
    }
}

/* Second words of the commands whose first word is w. */
static void second_words(const char *w, char *buf, size_t cap)
{
    size_t wl = strlen(w);
    buf[0] = '\0';
    for (const struct wiz_cmd *const *c = wiz_commands; *c; c++)
        if (strncmp((*c)->name, w, wl) == 0 && (*c)->name[wl] == ' ') {
            if (buf[0])
                strncat(buf, " ", cap - strlen(buf) - 1);
            strncat(buf, (*c)->name + wl + 1, cap - strlen(buf) - 1);
        }
}

/* Appends " name " to seen and returns false, or returns true if it was there. */
static bool seen_before(char *seen, size_t cap, const char *name)
{
    char key[96];
    snprintf(key, sizeof key, " %s ", name);
    if (strstr(seen, key))
        return true;
    if (!seen[0])
        strncat(seen, " ", cap - strlen(seen) - 1);
    strncat(seen, key + 1, cap - strlen(seen) - 1);
    return false;
}

/* Every flag's value completion, as bash case arms (each flag once). */
static void bash_value_arms(FILE *o, const struct cflags *fl, char *seen, size_t cap)
{
    for (int i = 0; i < fl->n; i++) {
        const struct cflag *c = &fl->f[i];
        if (!c->arg[0] || seen_before(seen, cap, c->names))
            continue;
        char alt[96], ch[64];
        names_alt(c->names, alt, sizeof alt);
        if (choices(c, ch, sizeof ch))
            fprintf(o, "        %s) COMPREPLY=($(compgen -W \"%s\" -- \"$cur\")); return ;;\n", alt, ch);
        else if (strcmp(c->arg, "DIR") == 0)
            fprintf(o, "        %s) COMPREPLY=($(compgen -d -- \"$cur\")); return ;;\n", alt);
        else
            fprintf(o, "        %s) return ;;\n", alt);
    }
}

static void flag_words(const struct cflags *fl, char *buf, size_t cap)
{
    buf[0] = '\0';
    for (int i = 0; i < fl->n; i++) {
        if (buf[0])
            strncat(buf, " ", cap - strlen(buf) - 1);
        strncat(buf, fl->f[i].names, cap - strlen(buf) - 1);
    }
}

static enum wiz_rc gen_bash(struct wiz_app *app, FILE *o)
{
    struct cflags *g = calloc(1, sizeof *g), *cf = calloc(1, sizeof *cf);
    enum wiz_rc rc = (!g || !cf) ? WIZ_EINTERNAL : WIZ_OK; /* (an rc the analyzer can follow) */
    if (rc)
        wiz_fail(&app->ctx, rc, "out of memory");
    if (rc == WIZ_OK)
        rc = load_flags(&app->ctx, NULL, g);
    char words[1024], gw[2048], cw[2048], seen[2048] = "";
    if (rc == WIZ_OK) {
        first_words(words, sizeof words);
        flag_words(g, gw, sizeof gw);
        fprintf(o, "# bash completion for ampli-wizard %s (generated by 'ampli-wizard completion bash')\n"
                   "_ampli_wizard() {\n"
                   "    local cur=\"${COMP_WORDS[COMP_CWORD]}\" prev=\"${COMP_WORDS[COMP_CWORD-1]}\"\n"
                   "    case \"$prev\" in\n", WIZ_VERSION);
        bash_value_arms(o, g, seen, sizeof seen);
    }
    /* value flags of every command: one arm per flag name, first one wins */
    for (const struct wiz_cmd *const *c = wiz_commands; rc == WIZ_OK && *c; c++) {
        if (!(*c)->flags)
            continue;
        rc = load_flags(&app->ctx, *c, cf);
        if (rc == WIZ_OK)
            bash_value_arms(o, cf, seen, sizeof seen);
    }
    if (rc != WIZ_OK)
        goto out;
    fprintf(o, "    esac\n"
               "    local cmd=\"\" i w skip=0\n"
               "    for ((i = 1; i < COMP_CWORD; i++)); do\n"
               "        w=\"${COMP_WORDS[i]}\"\n"
               "        if ((skip)); then skip=0; continue; fi\n"
               "        case \"$w\" in\n");
    /* flags that take a separate value word */
    /* the flags that take a separate value word: the names collected in seen */
    char valued[2048] = "";
    for (const char *p = seen; *p;) {
        while (*p == ' ')
            p++;
        size_t n = strcspn(p, " ");
        if (n && valued[0])
            strncat(valued, "|", sizeof valued - strlen(valued) - 1);
        size_t used = strlen(valued);
        snprintf(valued + used, sizeof valued - used, "%.*s", (int)n, p);
        p += n;
    }
    fprintf(o, "            %s) skip=1 ;;\n"
               "            -*) ;;\n"
               "            *) cmd=\"${cmd:+$cmd }$w\" ;;\n"
               "        esac\n"
               "    done\n"
               "    if [[ $cur == -* ]]; then\n"
               "        case \"$cmd\" in\n",
            valued);
    for (const struct wiz_cmd *const *c = wiz_commands; *c; c++) {
        cf->n = 0;
        if (!(*c)->flags || load_flags(&app->ctx, *c, cf) != WIZ_OK)
            continue;
        flag_words(cf, cw, sizeof cw);
        fprintf(o, "            \"%s\") COMPREPLY=($(compgen -W \"%s %s\" -- \"$cur\")); return ;;\n", (*c)->name, cw, gw);
    }
    fprintf(o, "            *) COMPREPLY=($(compgen -W \"%s --version\" -- \"$cur\")); return ;;\n"
               "        esac\n"
               "    fi\n"
               "    case \"$cmd\" in\n"
               "        \"\") COMPREPLY=($(compgen -W \"%s\" -- \"$cur\")) ;;\n",
            gw, words);
    fprintf(o, "        help) COMPREPLY=($(compgen -W \"%s\" -- \"$cur\")) ;;\n", words);
    fprintf(o, "        completion) COMPREPLY=($(compgen -W \"bash zsh\" -- \"$cur\")) ;;\n");
    char seconds[512];
    for (const char *w = words; *w;) {
        char first[64];
        size_t n = strcspn(w, " ");
        snprintf(first, sizeof first, "%.*s", (int)n, w);
        w += n + (w[n] == ' ');
        second_words(first, seconds, sizeof seconds);
        if (seconds[0])
            fprintf(o, "        %s) COMPREPLY=($(compgen -W \"%s\" -- \"$cur\")) ;;\n", first, seconds);
    }
    fprintf(o, "    esac\n"
               "}\n"
               "complete -o default -F _ampli_wizard ampli-wizard\n");
out:
    free(g);
    free(cf);
    return rc;
}

/* zsh: a native completion function (#compdef), same data as bash. */
static void zsh_escape(FILE *o, const char *s)
{
    for (; *s; s++) {
        if (*s == '\'')
            fputs("'\\''", o);
        else if (*s == ':' || *s == '[' || *s == ']')
            fputc(' ', o);
        else
            fputc(*s, o);
    }
}

/* One _arguments spec per flag name, each line ending in a continuation backslash. */
static void zsh_flag_specs(FILE *o, const struct cflags *fl)
{
    for (int i = 0; i < fl->n; i++) {
        const struct cflag *c = &fl->f[i];
        char ch[64];
        for (const char *p = c->names; *p;) {
            size_t n = strcspn(p, " ");
            fprintf(o, "    '%.*s[", (int)n, p);
            zsh_escape(o, c->help);
            fputc(']', o);
            if (c->arg[0]) {
                fputs(":value:", o);
                if (choices(c, ch, sizeof ch))
                    fprintf(o, "(%s)", ch);
                else if (strcmp(c->arg, "DIR") == 0)
                    fputs("_files -/", o);
                else
                    fputs(" ", o);
            }
            fputs("' \\\n", o);
            p += n + (p[n] == ' ');
        }
    }
}

static enum wiz_rc gen_zsh(struct wiz_app *app, FILE *o)
{
    struct cflags *g = calloc(1, sizeof *g), *cf = calloc(1, sizeof *cf);
    enum wiz_rc rc = (!g || !cf) ? WIZ_EINTERNAL : WIZ_OK; /* (an rc the analyzer can follow) */
    if (rc)
        wiz_fail(&app->ctx, rc, "out of memory");
    if (rc == WIZ_OK)
        rc = load_flags(&app->ctx, NULL, g);
    if (rc != WIZ_OK)
        goto out;
    fprintf(o, "#compdef ampli-wizard\n# zsh completion for ampli-wizard %s (generated by 'ampli-wizard completion zsh')\n"
               "_ampli_wizard() {\n  local -a global_flags cmds\n  global_flags=(\n", WIZ_VERSION);
    zsh_flag_specs(o, g);
    fprintf(o, "    '--version[print the version]'\n  )\n  cmds=(\n");
    for (const struct wiz_cmd *const *c = wiz_commands; *c; c++) {
        fputs("    '", o);
        zsh_escape(o, (*c)->name);
        fputs(":", o);
        zsh_escape(o, (*c)->summary);
        fputs("'\n", o);
    }
    /* the flags that take a separate value word, so their values are not command words */
    char seen[2048] = "", valued[2048] = "";
    for (int i = 0; i < g->n; i++)
        if (g->f[i].arg[0])
            seen_before(seen, sizeof seen, g->f[i].names);
    for (const struct wiz_cmd *const *c = wiz_commands; *c; c++) {
        if (!(*c)->flags || load_flags(&app->ctx, *c, cf) != WIZ_OK)
            continue;
        for (int i = 0; i < cf->n; i++)
            if (cf->f[i].arg[0])
                seen_before(seen, sizeof seen, cf->f[i].names);
    }
    for (const char *p = seen; *p;) {
        while (*p == ' ')
            p++;
        size_t n = strcspn(p, " "), used = strlen(valued);
        if (n)
            snprintf(valued + used, sizeof valued - used, "%s%.*s", used ? "|" : "", (int)n, p);
        p += n;
    }
    fprintf(o, "  )\n"
               "  local -a words_nf; local w skip=0\n"
               "  for w in ${words[2,CURRENT-1]}; do\n"
               "    if (( skip )); then skip=0; continue; fi\n"
               "    case $w in\n"
               "      %s) skip=1 ;;\n"
               "      -*) ;;\n"
               "      *) words_nf+=($w) ;;\n"
               "    esac\n"
               "  done\n"
               "  local cmd=\"${words_nf[*]}\"\n"
               "  case $cmd in\n"
               "    '') if [[ $PREFIX == -* ]]; then _arguments -s $global_flags\n"
               "        else local -a firsts; local c; for c in ${cmds%%%%:*}; do firsts+=(${c%%%% *}); done\n"
               "          compadd -- ${(u)firsts}; fi ;;\n"
               "    help) compadd -- ${(u)${cmds%%%%:*}%%%% *} ;;\n"
               "    completion) compadd bash zsh ;;\n",
            valued);
    char words[1024], seconds[512];
    first_words(words, sizeof words);
    for (const char *w = words; *w;) {
        char first[64];
        size_t n = strcspn(w, " ");
        snprintf(first, sizeof first, "%.*s", (int)n, w);
        w += n + (w[n] == ' ');
        second_words(first, seconds, sizeof seconds);
        if (seconds[0])
            fprintf(o, "    %s) compadd %s ;;\n", first, seconds);
    }
    for (const struct wiz_cmd *const *c = wiz_commands; *c; c++) {
        cf->n = 0;
        if ((*c)->flags && load_flags(&app->ctx, *c, cf) != WIZ_OK)
            continue;
        fprintf(o, "    '%s') _arguments -s $global_flags \\\n", (*c)->name);
        zsh_flag_specs(o, cf);
        fprintf(o, "      '*:file:_files' ;;\n");
    }
    fprintf(o, "  esac\n}\n_ampli_wizard \"$@\"\n");
out:
    free(g);
    free(cf);
    return rc;
}

static enum wiz_rc run_completion(struct wiz_app *app)
{
    const char *sh = app->opts.argc == 1 ? app->opts.argv[0] : NULL;
    if (sh && strcmp(sh, "bash") == 0)
        return gen_bash(app, stdout);
    if (sh && strcmp(sh, "zsh") == 0)
        return gen_zsh(app, stdout);
    return wiz_fail(&app->ctx, WIZ_EUSAGE, "usage: ampli-wizard completion bash|zsh");
}

const struct wiz_cmd wiz_cmd_completion = {
    .name = "completion",
    .summary = "print a shell completion script (bash or zsh)",
    .usage = "completion bash|zsh",
    .details = "bash:  source <(ampli-wizard completion bash)   (or save it under\n"
               "       ~/.local/share/bash-completion/completions/ampli-wizard)\n"
               "zsh:   ampli-wizard completion zsh > \"${fpath[1]}/_ampli-wizard\"",
    .run = run_completion,
};
