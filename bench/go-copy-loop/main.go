// A minimal DynamoDB copy loop written with the AWS SDK for Go v2: the baseline nimo-shake's
// loopback copy is compared with (bench/go-baseline-bench.sh). Each of -segments goroutines scans
// its segment of -table page by page (-page items) and writes every page to -dst with
// BatchWriteItem calls of 25, re-sending unprocessed items. It prints items/s and its own CPU.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

func client(endpoint string) *dynamodb.Client {
	return dynamodb.New(dynamodb.Options{
		Region:       "us-east-1",
		BaseEndpoint: aws.String(endpoint),
		Credentials: aws.CredentialsProviderFunc(func(context.Context) (aws.Credentials, error) {
			return aws.Credentials{AccessKeyID: "local", SecretAccessKey: "local"}, nil
		}),
	})
}

func writeAll(ctx context.Context, c *dynamodb.Client, table string, reqs []types.WriteRequest) error {
	for len(reqs) > 0 {
		out, err := c.BatchWriteItem(ctx, &dynamodb.BatchWriteItemInput{
			RequestItems: map[string][]types.WriteRequest{table: reqs},
		})
		if err != nil {
			return err
		}
		reqs = out.UnprocessedItems[table]
	}
	return nil
}

func main() {
	src := flag.String("source", "", "source endpoint URL")
	dst := flag.String("target", "", "target endpoint URL")
	table := flag.String("table", "orders", "source table")
	dstTable := flag.String("dst", "go_copy", "target table (must exist)")
	segments := flag.Int("segments", 8, "parallel Scan segments")
	page := flag.Int("page", 128, "Scan Limit")
	flag.Parse()
	ctx := context.Background()
	s, d := client(*src), client(*dst)
	var copied atomic.Int64
	var wg sync.WaitGroup
	errs := make(chan error, *segments)
	start := time.Now()
	for seg := 0; seg < *segments; seg++ {
		wg.Add(1)
		go func(seg int32) {
			defer wg.Done()
			var last map[string]types.AttributeValue
			for {
				out, err := s.Scan(ctx, &dynamodb.ScanInput{
					TableName: table, Segment: aws.Int32(seg), TotalSegments: aws.Int32(int32(*segments)),
					Limit: aws.Int32(int32(*page)), ExclusiveStartKey: last,
				})
				if err != nil {
					errs <- err
					return
				}
				for i := 0; i < len(out.Items); i += 25 {
					end := min(i+25, len(out.Items))
					reqs := make([]types.WriteRequest, 0, end-i)
					for _, item := range out.Items[i:end] {
						reqs = append(reqs, types.WriteRequest{PutRequest: &types.PutRequest{Item: item}})
					}
					if err := writeAll(ctx, d, *dstTable, reqs); err != nil {
						errs <- err
						return
					}
				}
				copied.Add(int64(len(out.Items)))
				if out.LastEvaluatedKey == nil {
					return
				}
				last = out.LastEvaluatedKey
			}
		}(int32(seg))
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		fmt.Fprintln(os.Stderr, "copy failed:", err)
		os.Exit(1)
	}
	secs := time.Since(start).Seconds()
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	cpu := float64(ru.Utime.Sec+ru.Stime.Sec) + float64(ru.Utime.Usec+ru.Stime.Usec)/1e6
	fmt.Printf("go copy loop: %d items in %.2f s = %.0f items/s; CPU %.2f s\n",
		copied.Load(), secs, float64(copied.Load())/secs, cpu)
}
