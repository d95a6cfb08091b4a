// The system SQLite 3 library, plus constants that Swift cannot import from macros.
#include <sqlite3.h>

/// SQLITE_TRANSIENT as a value Swift can pass: SQLite copies the bound bytes at once.
static inline sqlite3_destructor_type ftg_sqlite_transient(void) {
  return SQLITE_TRANSIENT;
}
