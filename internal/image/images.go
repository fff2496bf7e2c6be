package image

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"text/tabwriter"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ecr"
	ecrtypes "github.com/aws/aws-sdk-go-v2/service/ecr/types"

	"github.com/ecs-toolkit/ecs-toolkit/internal/exitcode"
)

// Row is one line of the images listing: one per tag, or one for an
// untagged image (Tag "<none>" in the table, "" in JSON).
type Row struct {
	RepositoryName   string    `json:"repositoryName"`
	ImageTag         string    `json:"imageTag"`
	ImageDigest      string    `json:"imageDigest"`
	ImagePushedAt    time.Time `json:"imagePushedAt"`
	ImageSizeInBytes int64     `json:"imageSizeInBytes"`
}

// maxRepositories is how many repositories images lists without names
// before it asks for them, as the original did.
const maxRepositories = 50

// images lists the images of the named repositories, or of every
// repository of the account, as the original's table or JSON Lines.
func images(ctx context.Context, c *clients, repos []string, f Flags, w io.Writer, now time.Time) error {
	filter := &ecrtypes.DescribeImagesFilter{}
	switch {
	case f.Tagged && !f.Untagged:
		filter.TagStatus = ecrtypes.TagStatusTagged
	case f.Untagged && !f.Tagged:
		filter.TagStatus = ecrtypes.TagStatusUntagged
	}
	if len(repos) == 0 {
		p := ecr.NewDescribeRepositoriesPaginator(c.ecr, &ecr.DescribeRepositoriesInput{})
		for p.HasMorePages() {
			out, err := p.NextPage(ctx)
			if err != nil {
				return fmt.Errorf("listing repositories: %w", err)
			}
			for _, r := range out.Repositories {
				repos = append(repos, aws.ToString(r.RepositoryName))
			}
		}
	}
	out := newImagesWriter(w, f.JSON, now)
	for i, repo := range repos {
		p := ecr.NewDescribeImagesPaginator(c.ecr, &ecr.DescribeImagesInput{RepositoryName: aws.String(repo), Filter: filter})
		for p.HasMorePages() {
			page, err := p.NextPage(ctx)
			if err != nil {
				out.flush()
				return fmt.Errorf("listing images of repository %q: %w", repo, err)
			}
			for _, d := range page.ImageDetails {
				if err := out.detail(repo, d); err != nil {
					return err
				}
			}
			if i > maxRepositories {
				out.flush()
				return exitcode.Failedf("please specify the repository name if you wish to see more")
			}
		}
	}
	return out.flush()
}

// imagesWriter prints rows as they come: the original's table, with its
// header again every 100 rows, or JSON Lines.
type imagesWriter struct {
	w    io.Writer
	json bool
	now  time.Time
	tw   *tabwriter.Writer
	n    int
}

func newImagesWriter(w io.Writer, jsonLines bool, now time.Time) *imagesWriter {
	return &imagesWriter{w: w, json: jsonLines, now: now, tw: tabwriter.NewWriter(w, 20, 1, 3, ' ', 0)}
}

func (iw *imagesWriter) detail(repo string, d ecrtypes.ImageDetail) error {
	tags := d.ImageTags
	if len(tags) == 0 {
		tags = []string{""}
	}
	for _, t := range tags {
		r := Row{RepositoryName: repo, ImageTag: t, ImageDigest: aws.ToString(d.ImageDigest), ImageSizeInBytes: aws.ToInt64(d.ImageSizeInBytes)}
		if d.ImagePushedAt != nil {
			r.ImagePushedAt = d.ImagePushedAt.UTC()
		}
		if err := iw.row(r); err != nil {
			return err
		}
	}
	return nil
}

func (iw *imagesWriter) row(r Row) error {
	if iw.json {
		b, err := json.Marshal(r)
		if err != nil {
			return err
		}
		_, err = fmt.Fprintf(iw.w, "%s\n", b)
		return err
	}
	if iw.n%100 == 0 {
		if err := iw.tw.Flush(); err != nil {
			return err
		}
		fmt.Fprintln(iw.w)
		fmt.Fprint(iw.tw, "REPOSITORY NAME\tTAG\tIMAGE DIGEST\tPUSHED AT\tSIZE\t\n")
	}
	iw.n++
	tag := r.ImageTag
	if tag == "" {
		tag = "<none>"
	}
	_, err := fmt.Fprintf(iw.tw, "%s\t%s\t%s\t%s ago\t%s\t\n", r.RepositoryName, tag, r.ImageDigest,
		HumanDuration(iw.now.Sub(r.ImagePushedAt)), HumanSize(float64(r.ImageSizeInBytes)))
	return err
}

func (iw *imagesWriter) flush() error { return iw.tw.Flush() }

// HumanDuration is go-units' HumanDuration: "2 hours", "About a minute".
func HumanDuration(d time.Duration) string {
	if seconds := int(d.Seconds()); seconds < 1 {
		return "Less than a second"
	} else if seconds == 1 {
		return "1 second"
	} else if seconds < 60 {
		return fmt.Sprintf("%d seconds", seconds)
	} else if minutes := int(d.Minutes()); minutes == 1 {
		return "About a minute"
	} else if minutes < 60 {
		return fmt.Sprintf("%d minutes", minutes)
	} else if hours := int(d.Hours() + 0.5); hours == 1 {
		return "About an hour"
	} else if hours < 48 {
		return fmt.Sprintf("%d hours", hours)
	} else if hours < 24*7*2 {
		return fmt.Sprintf("%d days", hours/24)
	} else if hours < 24*30*2 {
		return fmt.Sprintf("%d weeks", hours/24/7)
	} else if hours < 24*365*2 {
		return fmt.Sprintf("%d months", hours/24/30)
	}
	return fmt.Sprintf("%d years", int(d.Hours())/24/365)
}

// HumanSize is go-units' HumanSizeWithPrecision(size, 3): decimal units,
// "123MB", "5kB".
func HumanSize(size float64) string {
	units := []string{"B", "kB", "MB", "GB", "TB", "PB", "EB", "ZB", "YB"}
	i := 0
	for size >= 1000 && i < len(units)-1 {
		size /= 1000
		i++
	}
	return fmt.Sprintf("%.*g%s", 3, size, units[i])
}
