// libedit's native API (histedit.h). el_set, el_get and history are variadic, so the
// operations ftg needs are wrapped here in non-variadic functions Swift can call.
#include <stdio.h>
#include <histedit.h>
#include <sys/ioctl.h>
#include <unistd.h>

typedef unsigned char (*ftg_el_command)(EditLine *, int);
typedef char *(*ftg_el_prompt)(EditLine *);

/// An editor on the process's standard streams (Swift 6 cannot read C's `stdin` global).
static inline EditLine *ftg_el_init(const char *program) {
  return el_init(program, stdin, stdout, stderr);
}
/// Writes text on the editor's output stream, in order with what libedit itself writes.
static inline void ftg_el_print(const char *text) {
  fputs(text, stdout);
  fflush(stdout);
}
/// Columns of the terminal on standard output, or 80 when unknown.
static inline int ftg_terminal_width(void) {
  struct winsize size;
  if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col > 0) return size.ws_col;
  return 80;
}
/// The prompt function; characters between two `ignore` characters take no screen width.
static inline int ftg_el_set_prompt(EditLine *el, ftg_el_prompt f, char ignore) {
  return el_set(el, EL_PROMPT_ESC, f, ignore);
}
static inline int ftg_el_set_editor(EditLine *el, const char *mode) {
  return el_set(el, EL_EDITOR, mode);
}
static inline int ftg_el_set_signal(EditLine *el, int on) {
  return el_set(el, EL_SIGNAL, on);
}
/// Runs libedit's `setty -d MODE`: changes a terminal mode while a line is being edited.
static inline int ftg_el_set_edit_tty_mode(EditLine *el, const char *mode) {
  return el_set(el, EL_SETTY, "-d", mode, NULL);
}
static inline int ftg_el_set_history(EditLine *el, History *h) {
  return el_set(el, EL_HIST, history, h);
}
static inline int ftg_el_add_function(
    EditLine *el, const char *name, const char *help, ftg_el_command f) {
  return el_set(el, EL_ADDFN, name, help, f);
}
static inline int ftg_el_bind(EditLine *el, const char *key, const char *fn) {
  return el_set(el, EL_BIND, key, fn, NULL);
}
static inline int ftg_el_set_clientdata(EditLine *el, void *data) {
  return el_set(el, EL_CLIENTDATA, data);
}
static inline void *ftg_el_get_clientdata(EditLine *el) {
  void *data = NULL;
  el_get(el, EL_CLIENTDATA, &data);
  return data;
}
static inline int ftg_history_set_size(History *h, HistEvent *ev, int size) {
  return history(h, ev, H_SETSIZE, size);
}
static inline int ftg_history_set_unique(History *h, HistEvent *ev, int unique) {
  return history(h, ev, H_SETUNIQUE, unique);
}
static inline int ftg_history_enter(History *h, HistEvent *ev, const char *line) {
  return history(h, ev, H_ENTER, line);
}
static inline int ftg_history_load(History *h, HistEvent *ev, const char *path) {
  return history(h, ev, H_LOAD, path);
}
static inline int ftg_history_save(History *h, HistEvent *ev, const char *path) {
  return history(h, ev, H_SAVE, path);
}
static inline int ftg_history_first(History *h, HistEvent *ev) {
  return history(h, ev, H_FIRST);
}
static inline int ftg_history_next(History *h, HistEvent *ev) {
  return history(h, ev, H_NEXT);
}
static inline int ftg_history_last(History *h, HistEvent *ev) {
  return history(h, ev, H_LAST);
}
static inline int ftg_history_prev(History *h, HistEvent *ev) {
  return history(h, ev, H_PREV);
}
