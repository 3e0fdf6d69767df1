package web

import (
	"strconv"
	"time"

	"github.com/prometheus/client_golang/prometheus"
)

// Metrics are Claimwire's Prometheus series: the pipeline's (through the
// methods below, which it calls via its own small interface) and the HTTP
// server's. A nil *Metrics records nothing, so every caller may hold one.
type Metrics struct {
	fetched       *prometheus.CounterVec
	fetchLatency  *prometheus.HistogramVec
	extracted     *prometheus.CounterVec
	queueDepth    prometheus.Gauge
	published     prometheus.Counter
	storeWrite    prometheus.Histogram
	httpRequests  *prometheus.CounterVec
	httpLatency   *prometheus.HistogramVec
	eventsStreams prometheus.Gauge
}

// NewMetrics creates the series and registers them with reg (a registry of
// the caller's, never the global one). Registering twice with one registry
// panics, as prometheus.MustRegister does: that is a wiring bug.
func NewMetrics(reg prometheus.Registerer) *Metrics {
	latency := []float64{.005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30}
	m := &Metrics{
		fetched: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "claimwire_documents_fetched_total",
			Help: "Documents fetched, by source and status (ok, not_modified, error, ...).",
		}, []string{"source", "status"}),
		fetchLatency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "claimwire_fetch_duration_seconds", Help: "Time to fetch one document, by source.",
			Buckets: latency,
		}, []string{"source"}),
		extracted: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "claimwire_claims_extracted_total", Help: "Claims extracted, by metric.",
		}, []string{"metric"}),
		queueDepth: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "claimwire_queue_depth", Help: "Jobs waiting in the pipeline's work queue.",
		}),
		published: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "claimwire_events_published_total", Help: "New-figure events published.",
		}),
		storeWrite: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name: "claimwire_store_write_duration_seconds", Help: "Time to write one document and its claims.",
			Buckets: []float64{.0005, .001, .0025, .005, .01, .025, .05, .1, .25, .5, 1},
		}),
		httpRequests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "claimwire_http_requests_total", Help: "HTTP requests, by route pattern and status code.",
		}, []string{"route", "code"}),
		httpLatency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "claimwire_http_request_duration_seconds", Help: "HTTP request latency, by route pattern.",
			Buckets: []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 5},
		}, []string{"route"}),
		eventsStreams: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "claimwire_http_event_streams", Help: "Open /api/events streams.",
		}),
	}
	reg.MustRegister(m.fetched, m.fetchLatency, m.extracted, m.queueDepth, m.published,
		m.storeWrite, m.httpRequests, m.httpLatency, m.eventsStreams)
	return m
}

// FetchDone records one fetch of a source's document: its status and latency.
func (m *Metrics) FetchDone(source, status string, d time.Duration) {
	if m == nil {
		return
	}
	m.fetched.WithLabelValues(source, status).Inc()
	m.fetchLatency.WithLabelValues(source).Observe(d.Seconds())
}

// ClaimsExtracted adds n claims of metric.
func (m *Metrics) ClaimsExtracted(metric string, n int) {
	if m == nil || n <= 0 {
		return
	}
	m.extracted.WithLabelValues(metric).Add(float64(n))
}

// SetQueueDepth sets the number of jobs waiting.
func (m *Metrics) SetQueueDepth(n int) {
	if m == nil {
		return
	}
	m.queueDepth.Set(float64(n))
}

// EventsPublished adds n published new-figure events.
func (m *Metrics) EventsPublished(n int) {
	if m == nil || n <= 0 {
		return
	}
	m.published.Add(float64(n))
}

// StoreWrite records how long one store write took.
func (m *Metrics) StoreWrite(d time.Duration) {
	if m == nil {
		return
	}
	m.storeWrite.Observe(d.Seconds())
}

func (m *Metrics) httpDone(route string, status int, d time.Duration) {
	if m == nil {
		return
	}
	m.httpRequests.WithLabelValues(route, strconv.Itoa(status)).Inc()
	m.httpLatency.WithLabelValues(route).Observe(d.Seconds())
}

func (m *Metrics) streamOpened(delta int) {
	if m == nil {
		return
	}
	m.eventsStreams.Add(float64(delta))
}
