package store

import (
	"context"
	"database/sql"
	"strconv"
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
// setting that the reader pool's connection string cannot carry, so
// readConn applies it each time; once set it is a no-op of about 2 µs.
var mapPragma = "PRAGMA mmap_size = " + strconv.Itoa(readerMapSize)

// readConn takes one reader connection for the statements of one request,
// with the database file mapped. The caller closes it (back to the pool).
func (db *DB) readConn(ctx context.Context) (*sql.Conn, error) {
	conn, err := db.r.Conn(ctx)
	if err != nil {
		return nil, classify(err)
	}
	if _, err := conn.ExecContext(ctx, mapPragma); err != nil {
		conn.Close()
		return nil, classify(err)
	}
	return conn, nil
}
