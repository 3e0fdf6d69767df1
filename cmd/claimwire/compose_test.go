package main

import (
	"bytes"
	"cmp"
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// composeFile is the part of docker-compose.yml the checks read.
type composeFile struct {
	Services map[string]struct {
		Image         string            `yaml:"image"`
		Build         any               `yaml:"build"`
		Command       []string          `yaml:"command"`
		Ports         []string          `yaml:"ports"`
		Volumes       []string          `yaml:"volumes"`
		ContainerName string            `yaml:"container_name"`
		Environment   map[string]string `yaml:"environment"`
	} `yaml:"services"`
	Volumes map[string]any `yaml:"volumes"`
}

func readCompose(t *testing.T) composeFile {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", "docker-compose.yml"))
	if err != nil {
		t.Fatal(err)
	}
	var f composeFile
	if err := yaml.Unmarshal(data, &f); err != nil {
		t.Fatalf("docker-compose.yml: %v", err)
	}
	return f
}

// TestComposeCommandsExist runs every claimwire command line of
// docker-compose.yml through Main with -h appended: the flag set parses every
// flag and value first, so an unknown subcommand, flag or malformed value fails
// here instead of in a container.
func TestComposeCommandsExist(t *testing.T) {
	f := readCompose(t)
	checked := 0
	for name, svc := range f.Services {
		if svc.Build == nil && !strings.HasPrefix(svc.Image, "claimwire") {
			continue
		}
		t.Run(name, func(t *testing.T) {
			if len(svc.Command) == 0 {
				t.Fatal("no command: the image's default would run")
			}
			sub := svc.Command[0]
			if _, ok := commands[sub]; !ok {
				t.Fatalf("unknown subcommand %q", sub)
			}
			var stderr bytes.Buffer
			e := &env{stdin: strings.NewReader(""), stdout: &bytes.Buffer{}, stderr: &stderr, getenv: func(string) string { return "" }}
			args := append(slices.Clone(svc.Command), "-h")
			if code := Main(context.Background(), args, e); code != 0 {
				t.Fatalf("claimwire %s: exit %d:\n%s", strings.Join(svc.Command, " "), code, stderr.String())
			}
			if cfg := flagValue(svc.Command, "config"); cfg != "" {
				if _, err := loadConfig(bindSource(t, svc.Volumes, cfg)); err != nil {
					t.Errorf("--config %s: %v", cfg, err)
				}
			}
			if sub == "run" || sub == "worker" {
				if _, err := parseRoles(flagValue(svc.Command, "role")); err != nil {
					t.Errorf("--role: %v", err)
				}
			}
		})
		checked++
	}
	if checked < 3 {
		t.Errorf("checked %d claimwire services, want the store, api and worker services", checked)
	}
}

// flagValue returns the value of --name=value or --name value in args.
func flagValue(args []string, name string) string {
	for i, a := range args {
		a = strings.TrimLeft(a, "-")
		if v, ok := strings.CutPrefix(a, name+"="); ok {
			return v
		}
		if a == name && i+1 < len(args) {
			return args[i+1]
		}
	}
	return ""
}

func TestComposeTopology(t *testing.T) {
	f := readCompose(t)
	nats, ok := f.Services["nats"]
	if !ok {
		t.Fatal("no nats service")
	}
	if !strings.HasPrefix(nats.Image, "nats:") {
		t.Errorf("nats image %q is not the official one", nats.Image)
	}
	sd := flagValue(nats.Command, "sd")
	if !slices.Contains(nats.Command, "-js") || sd == "" {
		t.Errorf("nats command %v lacks -js and -sd DIR", nats.Command)
	}
	if !mounts(nats.Volumes, sd, f.Volumes) {
		t.Errorf("nats store %s is not on a named volume: %v", sd, nats.Volumes)
	}
	worker, ok := f.Services["worker"]
	if !ok {
		t.Fatal("no worker service")
	}
	if worker.ContainerName != "" || len(worker.Ports) > 0 {
		t.Error("worker has a container name or host ports: it cannot be scaled")
	}
	if r := flagValue(worker.Command, "role"); r != "fetch" {
		t.Errorf("worker role = %q, want fetch", r)
	}
	writer := f.Services["claimwire"]
	if r := flagValue(writer.Command, "role"); !strings.Contains(r, "store") || !strings.Contains(r, "scheduler") {
		t.Errorf("claimwire service role = %q, want scheduler and store", r)
	}
	db := flagValue(writer.Command, "db")
	if !mounts(writer.Volumes, filepath.Dir(db), f.Volumes) {
		t.Errorf("database %s is not on a named volume: %v", db, writer.Volumes)
	}
	api := f.Services["api"]
	if flagValue(api.Command, "db") != db {
		t.Errorf("api reads %q, the store writes %q", flagValue(api.Command, "db"), db)
	}
	if len(api.Ports) == 0 {
		t.Error("api exposes no HTTP port")
	}
	// serve refuses a non-loopback address without a token.
	token := cmp.Or(flagValue(api.Command, "token"), api.Environment["CLAIMWIRE_TOKEN"])
	if err := checkBind(flagValue(api.Command, "addr"), token); err != nil {
		t.Errorf("serve would refuse to start: %v", err)
	}
}

// bindSource returns the repository file bind-mounted at path.
func bindSource(t *testing.T, volumes []string, path string) string {
	t.Helper()
	for _, v := range volumes {
		parts := strings.Split(v, ":")
		if len(parts) >= 2 && parts[1] == path && strings.HasPrefix(parts[0], "./") {
			return filepath.Join("..", "..", parts[0])
		}
	}
	t.Fatalf("%s is not bind-mounted from the repository: %v", path, volumes)
	return ""
}

// mounts reports whether a named volume is mounted at dir.
func mounts(volumes []string, dir string, named map[string]any) bool {
	for _, v := range volumes {
		parts := strings.Split(v, ":")
		if len(parts) >= 2 && parts[1] == dir {
			_, ok := named[parts[0]]
			return ok
		}
	}
	return false
}

func TestDockerfileBuildsCgoAndRunsUnprivileged(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "..", "Dockerfile"))
	if err != nil {
		t.Fatal(err)
	}
	df := string(data)
	for _, want := range []string{"CGO_ENABLED=1", "-tags sqlite_fts5", "./cmd/claimwire", "FROM debian:", "COPY --from=build"} {
		if !strings.Contains(df, want) {
			t.Errorf("Dockerfile lacks %q", want)
		}
	}
	var user string
	for line := range strings.SplitSeq(df, "\n") {
		if u, ok := strings.CutPrefix(strings.TrimSpace(line), "USER "); ok {
			user = u
		}
	}
	if user == "" || strings.HasPrefix(user, "root") || strings.HasPrefix(user, "0") {
		t.Errorf("final USER = %q, want a non-root user", user)
	}
}
