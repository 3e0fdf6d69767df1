package web

import (
	"context"
	"errors"
	"slices"
	"testing"
	"testing/synctest"
)

// TestQueryGateFirstComeFirstServed: with the one turn taken, waiters get it
// in the order they arrived, and a waiter whose context ends leaves the
// queue with its error without taking a turn.
func TestQueryGateFirstComeFirstServed(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		g := make(queryGate, 1)
		if err := g.enter(t.Context()); err != nil {
			t.Fatal(err)
		}
		got := make(chan int, 4)
		cancelled := make(chan error, 1)
		ctx, cancel := context.WithCancel(t.Context())
		for i := range 4 {
			if i == 2 { // the third arrival gives up while waiting
				go func() { cancelled <- g.enter(ctx) }()
				synctest.Wait()
				continue
			}
			go func() {
				if err := g.enter(t.Context()); err != nil {
					t.Error(err)
					return
				}
				got <- i
				g.leave()
			}()
			synctest.Wait() // blocked in enter: queued before the next one starts
		}
		cancel()
		if err := <-cancelled; !errors.Is(err, context.Canceled) {
			t.Errorf("cancelled waiter: %v, want context.Canceled", err)
		}
		g.leave()
		order := []int{<-got, <-got, <-got}
		if want := []int{0, 1, 3}; !slices.Equal(order, want) {
			t.Errorf("turns taken in order %v, want %v", order, want)
		}
		if len(g) != 0 {
			t.Errorf("%d turns still held after everyone left", len(g))
		}
	})
}
