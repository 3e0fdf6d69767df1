package store

import (
	"context"
	"database/sql"
	"strconv"

	"github.com/mattn/go-sqlite3"
)

// readerMapSize is how much of the database file a reader connection maps
// into memory. Without a map every page a query misses in the connection's
// own cache is a pread system call and a copy; with it a page is read where
// the kernel's page cache already holds it, shared by all connections. At a
// million claims the file is about 600 MB and a filtered listing touches a
// hundred scattered pages: the map makes such a query about a third cheaper.
// Address space is reserved, not memory; pages past the map are read as before.
const readerMapSize = 1 << 30

// mapPragma sets readerMapSize on a connection. It is a per-connection
// setting that the reader pool's connection string cannot carry, so the
// reader driver's connect hook applies it once to every connection it opens.
// (It used to run at the start of every request: a statement and a cgo call
// per listing for nothing.)
var mapPragma = "PRAGMA mmap_size = " + strconv.Itoa(readerMapSize)

// readerDriver is the name the reader pool opens its connections under: the
// go-sqlite3 driver with a connect hook that maps the file (mapPragma).
const readerDriver = "claimwire-sqlite3-reader"

func init() {
	sql.Register(readerDriver, &sqlite3.SQLiteDriver{ConnectHook: func(c *sqlite3.SQLiteConn) error {
		_, err := c.Exec(mapPragma, nil)
		return err
	}})
}

// readConn takes one reader connection for the statements of one request.
// The caller closes it (back to the pool).
func (db *DB) readConn(ctx context.Context) (*sql.Conn, error) {
	conn, err := db.r.Conn(ctx)
	if err != nil {
		return nil, classify(err)
	}
	return conn, nil
}
