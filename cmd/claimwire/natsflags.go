package main

import (
	"flag"
	"log/slog"

	"github.com/claimwire/claimwire/natsbus"
)

// natsFlags are the connection flags shared by run, worker and watch.
type natsFlags struct {
	url, creds, user, password, token string
	ca, cert, key, prefix             string
}

func (n *natsFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&n.url, "nats", "", "NATS server URL(s), comma-separated (default $NATS_URL)")
	fs.StringVar(&n.creds, "creds", "", "NATS credentials file")
	fs.StringVar(&n.user, "user", "", "NATS user")
	fs.StringVar(&n.password, "password", "", "NATS password (default $NATS_PASSWORD)")
	fs.StringVar(&n.token, "token", "", "NATS token (default $NATS_TOKEN)")
	fs.StringVar(&n.ca, "tls-ca", "", "TLS: CA certificate file")
	fs.StringVar(&n.cert, "tls-cert", "", "TLS: client certificate file")
	fs.StringVar(&n.key, "tls-key", "", "TLS: client key file")
	fs.StringVar(&n.prefix, "prefix", natsbus.DefaultPrefix, "subject prefix")
}

// resolve fills unset values from the environment.
func (n *natsFlags) resolve(e *env) {
	if n.url == "" {
		n.url = e.getenv("NATS_URL")
	}
	if n.password == "" {
		n.password = e.getenv("NATS_PASSWORD")
	}
	if n.token == "" {
		n.token = e.getenv("NATS_TOKEN")
	}
}

func (n *natsFlags) options(name string, log *slog.Logger) natsbus.ConnOptions {
	return natsbus.ConnOptions{
		Name: name, CredsFile: n.creds, User: n.user, Password: n.password, Token: n.token,
		CAFile: n.ca, CertFile: n.cert, KeyFile: n.key, Prefix: n.prefix, Logger: log,
	}
}
